"""Pagination for lists that grow (interviews, practice, stories, mocks)."""

from django.core.paginator import Paginator

PAGE_SIZE = 20


def page_of(queryset, request, size: int = PAGE_SIZE):
    """The page the request asks for (?page=); a bad or too large number gives a valid page."""
    return Paginator(queryset, size).get_page(request.GET.get("page"))
