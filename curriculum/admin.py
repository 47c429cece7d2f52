from django.contrib import admin

from .models import (
    ChecklistTemplateItem,
    Concept,
    Lesson,
    PlanTemplateDay,
    PracticePattern,
    Resource,
    RubricDimension,
    Topic,
)


class LessonInline(admin.StackedInline):
    model = Lesson
    extra = 0
    fields = ["order", "slug", "title", "level", "minutes", "body", "retired"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "order", "retired"]
    list_filter = ["kind", "retired"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [LessonInline]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "level", "minutes", "order", "retired"]
    list_filter = ["topic", "level", "retired"]
    list_select_related = ["topic"]
    search_fields = ["title", "body"]


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    list_display = ["name", "topic", "order", "retired"]
    list_select_related = ["topic"]
    search_fields = ["name", "question", "answer"]


@admin.register(PracticePattern)
class PracticePatternAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "topic", "order", "retired"]
    list_filter = ["kind"]
    list_select_related = ["topic"]


@admin.register(RubricDimension)
class RubricDimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "order", "retired"]
    list_filter = ["level"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "topic", "author", "url"]
    list_filter = ["kind"]
    list_select_related = ["topic"]
    search_fields = ["title", "author", "note"]


@admin.register(PlanTemplateDay)
class PlanTemplateDayAdmin(admin.ModelAdmin):
    list_display = ["week", "day", "activity", "title"]
    list_filter = ["week", "activity"]
    filter_horizontal = ["topics"]


@admin.register(ChecklistTemplateItem)
class ChecklistTemplateItemAdmin(admin.ModelAdmin):
    list_display = ["text", "phase", "due_offset_hours", "order", "retired"]
    list_filter = ["phase", "retired"]
    search_fields = ["text", "detail"]
