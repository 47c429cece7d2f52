from .interviews import Interview, InterviewChecklistItem
from .plan import Plan, PlanItem, Profile, TopicRating
from .practice import MockInterview, MockScore, PracticeProblem, Story

__all__ = [
    "Interview",
    "InterviewChecklistItem",
    "MockInterview",
    "MockScore",
    "Plan",
    "PlanItem",
    "PracticeProblem",
    "Profile",
    "Story",
    "TopicRating",
]
