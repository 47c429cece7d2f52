"""Django finds an app's models in `<app>.models`; each domain keeps its own in its package."""

from .interviews.models import Interview, InterviewChecklistItem
from .journal.models import MockInterview, MockScore, PracticeProblem, Story
from .plans.models import Plan, PlanItem, Schedule, TopicRating

__all__ = [
    "Interview",
    "InterviewChecklistItem",
    "MockInterview",
    "MockScore",
    "Plan",
    "PlanItem",
    "PracticeProblem",
    "Schedule",
    "Story",
    "TopicRating",
]
