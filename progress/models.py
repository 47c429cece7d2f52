"""Django finds an app's models in `<app>.models`; each domain keeps its own in its package."""

from .feeds.models import CalendarFeed
from .interviews.models import Interview, InterviewChecklistItem
from .journal.models import MockInterview, MockScore, PracticeProblem, Story
from .mentoring.models import Comment, Mentorship
from .plans.models import Plan, PlanItem, Schedule, TopicRating
from .reminders.models import Delivery, ReminderSettings
from .review.models import ReviewCard, ReviewLog

__all__ = [
    "CalendarFeed",
    "Comment",
    "Delivery",
    "Interview",
    "InterviewChecklistItem",
    "Mentorship",
    "MockInterview",
    "MockScore",
    "Plan",
    "PlanItem",
    "PracticeProblem",
    "ReminderSettings",
    "ReviewCard",
    "ReviewLog",
    "Schedule",
    "Story",
    "TopicRating",
]
