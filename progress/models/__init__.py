from .plan import Plan, PlanItem, Profile, TopicRating

__all__ = ["Plan", "PlanItem", "Profile", "TopicRating"]
