"""Interviews with their before / during / after checklists and the reflection afterwards."""
