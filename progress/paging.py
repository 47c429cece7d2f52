"""Pagination for lists that grow (interviews, practice, stories, mocks)."""

from django.core.paginator import Paginator

PAGE_SIZE = 20


def page_of(queryset, request, size: int = PAGE_SIZE, param: str = "page"):
    """The page the request asks for (?page=, or another parameter for a second list on the
    same page); a bad or too large number gives a valid page."""
    return Paginator(queryset, size).get_page(request.GET.get(param))
