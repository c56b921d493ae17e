"""The question bank in the Wagtail admin: pools and questions as snippets (listings with filters
and CSV/XLSX export, the question editor, choosers for the quiz blocks), and the authors'
per-question statistics of a pool (a report view with its export).

Every view asks `permissions` what the person may see: the listings and choosers list the scope,
and one object outside it does not exist here (404). Registered in `wagtail_hooks`.

Other apps extend the pools' listing through two hooks (like `register_organisation_unit_buttons`):
- `register_question_pool_header_buttons`: a function taking the request and returning buttons for
  the listing's header menu (e.g. importing questions);
- `register_question_pool_buttons`: a function taking the request and returning a function from a
  pool to the buttons of its row (e.g. exporting the pool).
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import F, ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser, snippets

from courses.models import ThematicArea
from courses.questionbank import selectors
from courses.questionbank.admin_forms import QuestionForm, QuestionPoolForm, pool_label
from courses.questionbank.models import Difficulty, Question, QuestionPool
from courses.questionbank.permissions import (
    courses_for_pools,
    pools_manageable_by,
    questions_manageable_by,
)
from lms.deletion import protected_records
from lms.spreadsheets.writing import SafeSpreadsheetExportMixin

POOL_HEADER_BUTTONS_HOOK = "register_question_pool_header_buttons"
POOL_BUTTONS_HOOK = "register_question_pool_buttons"
POOL_URLS = "wagtailsnippets_questionbank_questionpool"
QUESTION_URLS = "wagtailsnippets_questionbank_question"
ANY_ACTION = ["add", "change", "delete", "view"]
NO_VALUE = "—"


def _scope(model, user):
    """The objects of `model` (a pool or a question) `user` may act on (see `permissions`);
    someone without any of the bank's permissions is refused as Wagtail refuses them."""
    policy = policy_registry.get_by_type(model)
    if not policy.user_has_any_permission(user, ANY_ACTION):
        raise PermissionDenied
    return policy.scope(user)


# --- One object: edit, copy, delete, history, usage ----------------------------------------------


class ScopedObjectMixin:
    """Edit and delete: the object is looked up within the viewer's scope; outside it, it does
    not exist (404)."""

    def get_queryset(self):  # Django's SingleObjectMixin
        return _scope(self.model, self.request.user)


class ScopedListingMixin:
    """History and usage (listings *about* the object, whose own `get_queryset` lists log entries
    or references): the object is looked up within the viewer's scope."""

    def get_base_object_queryset(self):  # Wagtail's BaseObjectMixin
        return _scope(self.model, self.request.user)


class ScopedCopyMixin:
    def get_object(self, queryset=None):
        pk = unquote(str(self.kwargs[self.pk_url_kwarg]))
        return get_object_or_404(_scope(self.model, self.request.user), pk=pk)


class EditView(ScopedObjectMixin, snippets.EditView):
    pass


class HistoryView(ScopedListingMixin, snippets.HistoryView):
    pass


class UsageView(ScopedListingMixin, snippets.UsageView):
    pass


def refuse_deletion(request, objects) -> bool:
    """Add the Polish explanation when something keeps `objects` from being deleted (questions of
    a pool, answers given to a question: see lms.deletion); True when the deletion is refused."""
    objects = list(objects)
    records = protected_records(objects)
    if not records:
        return False
    names = ", ".join(f"„{item}”" for item in objects)
    messages.error(
        request,
        gettext(
            "Nie można usunąć: %(names)s. Są z tym związane %(records)s. Pula z pytaniami "
            "zostaje, dopóki nie przeniesiesz albo nie usuniesz jej pytań; pytanie, na które "
            "już odpowiadano, zostaje, bo na nim opierają się wyniki i statystyki – zamiast "
            "usuwać, popraw je albo przenieś do innej puli."
        )
        % {"names": names, "records": ", ".join(records)},
    )
    return True


class DeleteView(ScopedObjectMixin, snippets.DeleteView):
    """The refusal itself comes from the `before_delete_snippet` hook (single and bulk deletes);
    this catches rows added between that check and the deletion."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            refuse_deletion(self.request, [self.object])
            return redirect(self.index_url_name)


# --- Choosers (the quiz blocks "Pytanie z banku" and "Losowe pytania z puli") --------------------


class ChooserFilterForm(BaseFilterForm):
    """A search by name and, for questions, a choice of pool (from the viewer's pools)."""

    def __init__(self, *args, user, with_pool=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"] = forms.CharField(label=_("Szukaj"), required=False)
        if with_pool:
            field = forms.ModelChoiceField(
                label=_("Pula"),
                queryset=pools_manageable_by(user).select_related("course", "thematic_area"),
                required=False,
                empty_label=_("Wszystkie pule"),
            )
            field.label_from_instance = pool_label
            self.fields["pool"] = field

    def filter(self, objects):
        if query := self.cleaned_data.get("q"):
            objects = objects.filter(name__icontains=query)
            self.is_searching, self.search_query = True, query
        if pool := self.cleaned_data.get("pool"):
            objects = objects.filter(pool=pool)
        return objects


class ScopedChooseMixin:
    """Only the viewer's pools or questions; people without the bank's permissions are refused."""

    def dispatch(self, request, *args, **kwargs):
        _scope(self.model_class, request.user)  # refuses people without the bank's permissions
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        objects = _scope(self.model_class, self.request.user)
        if self.model_class is Question:
            return objects.select_related("pool").defer("content")
        return objects.select_related("course", "thematic_area")

    def get_filter_form(self):
        return ChooserFilterForm(
            self.request.GET, user=self.request.user, with_pool=self.model_class is Question
        )

    @property
    def columns(self):
        columns = super().columns
        if self.model_class is Question:
            columns.append(Column("pool", label=_("Pula"), accessor=lambda q: pool_label(q.pool)))
        else:
            columns.append(Column("where", label=_("Kurs lub obszar"), accessor=_pool_where))
        return columns


class ChooseView(ScopedChooseMixin, chooser.ChooseView):
    pass


class ChooseResultsView(ScopedChooseMixin, chooser.ChooseResultsView):
    pass


class ChosenView(ScopedChooseMixin, chooser.SnippetChosenView):
    def get_object(self, pk):
        return _scope(self.model_class, self.request.user).get(pk=pk)


class ChosenMultipleView(ScopedChooseMixin, chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return _scope(self.model_class, self.request.user).filter(pk__in=pks)


class ScopedChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


# --- Pools ----------------------------------------------------------------------------------------


def _pool_where(pool) -> str:
    return str(pool.course or pool.thematic_area or NO_VALUE)


class PoolFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("Kurs"),
        queryset=None,
        empty_label=_("Wszystkie"),
        null_label=_("Bez kursu (pule obszarów tematycznych)"),
    )
    thematic_area = django_filters.ModelChoiceFilter(
        label=_("Obszar tematyczny"),
        queryset=ThematicArea.objects.all(),
        empty_label=_("Wszystkie"),
    )

    class Meta:
        model = QuestionPool
        fields = ["course", "thematic_area"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        self.filters["course"].queryset = courses_for_pools(request.user)


class PoolIndexView(SafeSpreadsheetExportMixin, snippets.IndexView):
    """Each row links to the pool's questions and statistics; other apps add header and row
    buttons through the hooks named in the module's docstring."""

    add_item_label = _("Dodaj pulę pytań")  # Wagtail's "Dodaj %(model)s" would say "Dodaj pula"

    @cached_property
    def pool_button_makers(self):
        return [make(self.request) for make in hooks.get_hooks(POOL_BUTTONS_HOOK)]

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        for make in hooks.get_hooks(POOL_HEADER_BUTTONS_HOOK):
            buttons.extend(make(self.request))
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.extend(
            [
                Button(
                    _("Pytania w puli"),
                    url=reverse(f"{QUESTION_URLS}:list") + "?" + urlencode({"pool": instance.pk}),
                    icon_name="help",
                    priority=1,
                ),
                Button(
                    _("Dodaj pytanie do puli"),
                    url=reverse(f"{QUESTION_URLS}:add") + "?" + urlencode({"pool": instance.pk}),
                    icon_name="plus",
                    priority=2,
                ),
                Button(
                    _("Statystyki pytań"),
                    url=reverse(f"{POOL_URLS}:statistics", args=[instance.pk]),
                    icon_name="table",
                    priority=3,
                ),
            ]
        )
        for make in self.pool_button_makers:
            buttons.extend(make(instance))
        return buttons

    def to_row_dict(self, item):
        return {
            "name": item.name,
            "course": str(item.course) if item.course else "",
            "thematic_area": str(item.thematic_area) if item.thematic_area else "",
            "question_count": item.question_count,
            "description": item.description,
        }


class PoolCreateView(snippets.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class QuestionPoolViewSet(snippets.SnippetViewSet):
    model = QuestionPool
    icon = "folder-open-inverse"
    menu_label = _("Pule pytań")
    index_view_class = PoolIndexView
    add_view_class = PoolCreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    chooser_viewset_class = ScopedChooserViewSet
    copy_view_enabled = False  # a copy would be an empty pool: nothing to copy but the name
    list_display = [
        "name",
        Column(
            "course",
            label=_("Kurs"),
            accessor=lambda p: p.course or NO_VALUE,
            sort_key="course__title",
        ),
        Column(
            "thematic_area",
            label=_("Obszar tematyczny"),
            accessor=lambda p: p.thematic_area or NO_VALUE,
            sort_key="thematic_area__name",
        ),
        Column("question_count", label=_("Liczba pytań"), sort_key="question_count"),
    ]
    filterset_class = PoolFilterSet
    search_fields = ["name"]
    search_backend_name = None
    list_per_page = 50
    list_export = ["name", "course", "thematic_area", "question_count", "description"]
    export_headings = {
        "name": _("Nazwa"),
        "course": _("Kurs"),
        "thematic_area": _("Obszar tematyczny"),
        "question_count": _("Liczba pytań"),
        "description": _("Opis"),
    }
    export_filename = "pule-pytan"
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("course", widget=forms.Select),
            FieldPanel("thematic_area"),
            FieldPanel("description"),
        ],
        base_form_class=QuestionPoolForm,
    )

    def get_queryset(self, request):
        return selectors.pools_with_counts(pools_manageable_by(request.user))

    def get_statistics_view_kwargs(self, **kwargs):
        # The rows are the pool's questions (the viewset's common kwargs would say pools).
        return {"model": Question, "header_icon": "table", **kwargs}

    @property
    def statistics_view(self):
        return self.construct_view(QuestionStatisticsView, **self.get_statistics_view_kwargs())

    @property
    def statistics_results_view(self):
        return self.construct_view(
            QuestionStatisticsView, **self.get_statistics_view_kwargs(results_only=True)
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("statistics/<int:pk>/", self.statistics_view, name="statistics"),
            path(
                "statistics/<int:pk>/results/",
                self.statistics_results_view,
                name="statistics_results",
            ),
        ]


# --- Questions ------------------------------------------------------------------------------------


def _tags(question) -> str:
    return ", ".join(sorted(tag.name for tag in question.tags.all()))


def _type_label(question) -> str:
    labels = selectors.question_type_labels()
    return str(labels.get(question.question_type, question.question_type or NO_VALUE))


def type_column() -> Column:
    """The question's type in authors' words (from the `question_type` annotation)."""
    return Column(
        "question_type", label=_("Rodzaj"), accessor=_type_label, sort_key="question_type"
    )


def difficulty_column() -> Column:
    return Column(
        "difficulty", label=_("Trudność"), accessor="get_difficulty_display", sort_key="difficulty"
    )


class QuestionFilterSet(WagtailFilterSet):
    pool = django_filters.ModelChoiceFilter(
        label=_("Pula"), queryset=None, empty_label=_("Wszystkie")
    )
    question_type = django_filters.ChoiceFilter(
        label=_("Rodzaj pytania"),
        choices=selectors.question_type_choices,
        empty_label=_("Wszystkie"),
        method="filter_type",
    )
    difficulty = django_filters.ChoiceFilter(
        label=_("Trudność"), choices=Difficulty.choices, empty_label=_("Wszystkie")
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"), field_name="tags", queryset=None, empty_label=_("Wszystkie")
    )

    class Meta:
        model = Question
        fields = ["pool", "difficulty"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        pools = pools_manageable_by(request.user).select_related("course", "thematic_area")
        self.filters["pool"].queryset = pools
        self.filters["pool"].field.label_from_instance = pool_label
        mine = questions_manageable_by(request.user).values("pk")
        self.filters["tag"].queryset = (
            Tag.objects.filter(questionbank_questiontag_items__content_object__in=mine)
            .distinct()
            .order_by("name")
        )

    def filter_type(self, queryset, name, value):
        return queryset.filter(question_type=value) if value else queryset


class QuestionIndexView(SafeSpreadsheetExportMixin, snippets.IndexView):
    def to_row_dict(self, item):
        return {
            "name": item.name,
            "question_type": _type_label(item),
            "pool": str(item.pool),
            "difficulty": item.get_difficulty_display(),
            "tags": _tags(item),
        }


class QuestionCreateView(snippets.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if pool := self.request.GET.get("pool"):
            initial["pool"] = pool  # validated against the viewer's pools by the form
        return initial

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class QuestionCopyView(ScopedCopyMixin, snippets.CopyView):
    pass


class QuestionStatisticsPanel(HelpPanel):
    """The question's statistics (read-only) under its editor; absent while it is being added."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Statystyki odpowiedzi"))
        kwargs.setdefault("template", "questionbank/admin/statistics_panel.html")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            question = selectors.statistics_of(question=self.instance)
            context.update(
                {
                    "question": question,
                    "reasons": selectors.weak_reasons(question),
                    "wrong_answer": selectors.wrong_answer_label(question),
                    "min_attempts": selectors.MIN_ATTEMPTS,
                    "statistics_url": reverse(f"{POOL_URLS}:statistics", args=[question.pool_id]),
                }
            )
            return context


class QuestionViewSet(snippets.SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Pytania")
    index_view_class = QuestionIndexView
    add_view_class = QuestionCreateView
    copy_view_class = QuestionCopyView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    chooser_viewset_class = ScopedChooserViewSet
    list_display = [
        "name",
        type_column(),
        Column(
            "pool", label=_("Pula"), accessor=lambda q: pool_label(q.pool), sort_key="pool__name"
        ),
        difficulty_column(),
        Column("tags", label=_("Tagi"), accessor=_tags),
    ]
    filterset_class = QuestionFilterSet
    search_fields = ["name"]
    search_backend_name = None
    list_per_page = 50
    list_export = ["name", "question_type", "pool", "difficulty", "tags"]
    export_headings = {
        "name": _("Nazwa"),
        "question_type": _("Rodzaj"),
        "pool": _("Pula"),
        "difficulty": _("Trudność"),
        "tags": _("Tagi"),
    }
    export_filename = "pytania"
    edit_handler = ObjectList(
        [
            FieldPanel("pool", widget=forms.Select),
            FieldPanel("name"),
            FieldPanel("content"),
            FieldPanel("difficulty"),
            FieldPanel("tags"),
            QuestionStatisticsPanel(),
        ],
        base_form_class=QuestionForm,
    )

    def get_queryset(self, request):
        questions = questions_manageable_by(request.user)
        return (
            selectors.with_question_type(questions)
            .defer("content")
            .select_related("pool__course", "pool__thematic_area")
            .prefetch_related("tags")
        )


# --- Statistics of a pool -------------------------------------------------------------------------


class StatisticsFilterSet(WagtailFilterSet):
    weak = django_filters.BooleanFilter(
        label=_("Tylko pytania do poprawy"),
        method="filter_weak",
        widget=forms.CheckboxInput,
    )
    difficulty = django_filters.ChoiceFilter(
        label=_("Trudność"), choices=Difficulty.choices, empty_label=_("Wszystkie")
    )

    class Meta:
        model = Question
        fields = ["difficulty"]

    def filter_weak(self, queryset, name, value):
        return queryset.filter(weak=True) if value else queryset


class WeakColumn(Column):
    cell_template_name = "questionbank/admin/weak_cell.html"


def _percent(value) -> str:
    return NO_VALUE if value is None else f"{value}%".replace(".", ",")


def _decimal(value) -> str:
    return NO_VALUE if value is None else f"{value}".replace(".", ",")


class QuestionStatisticsView(SafeSpreadsheetExportMixin, ReportView):
    """The pool's questions with their statistics (see `selectors`), weakest found by sorting or
    by the "to improve" filter; exported to CSV/XLSX. Aggregates only: nobody's answers."""

    model = Question
    page_title = _("Statystyki pytań")
    header_icon = "table"
    template_name = "questionbank/admin/statistics.html"
    results_template_name = "questionbank/admin/statistics_results.html"
    filterset_class = StatisticsFilterSet
    is_searchable = True
    search_fields = ["name"]
    search_backend_name = None
    default_ordering = "name"
    paginate_by = 50
    any_permission_required = ["change", "view"]
    list_export = [
        "name",
        "question_type",
        "difficulty",
        "attempts",
        "correct_percent",
        "discrimination",
        "wrong_answer",
        "wrong_answer_count",
        "weak",
    ]
    export_headings = {
        "name": _("Pytanie"),
        "question_type": _("Rodzaj"),
        "difficulty": _("Trudność"),
        "attempts": _("Odpowiedzi"),
        "correct_percent": _("Poprawne (%)"),
        "discrimination": _("Wskaźnik różnicujący"),
        "wrong_answer": _("Najczęstsza błędna odpowiedź"),
        "wrong_answer_count": _("Ile razy wybrana"),
        "weak": _("Do poprawy"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_any_permission(self.any_permission_required):
            raise PermissionDenied
        self.pool = get_object_or_404(_scope(QuestionPool, request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def columns(self):
        edit_url = f"{QUESTION_URLS}:edit"
        return [
            TitleColumn(
                "name",
                label=_("Pytanie"),
                sort_key="name",
                get_url=lambda question: reverse(edit_url, args=[quote(question.pk)]),
            ),
            type_column(),
            difficulty_column(),
            Column("attempts", label=_("Odpowiedzi"), sort_key="attempts"),
            Column(
                "correct_percent",
                label=_("Poprawne"),
                accessor=lambda q: _percent(q.correct_percent),
                sort_key="correct_percent",
            ),
            Column(
                "discrimination",
                label=_("Wskaźnik różnicujący"),
                accessor=lambda q: _decimal(q.discrimination),
                sort_key="discrimination",
            ),
            Column(
                "wrong_answer",
                label=_("Najczęstsza błędna odpowiedź"),
                accessor=lambda q: q.wrong_answer_label or NO_VALUE,
                sort_key="wrong_answer_count",
            ),
            WeakColumn("weak", label=_("Do poprawy"), sort_key="weak"),
        ]

    def get_index_url(self):
        return reverse(f"{POOL_URLS}:statistics", args=[self.pool.pk])

    def get_index_results_url(self):
        return reverse(f"{POOL_URLS}:statistics_results", args=[self.pool.pk])

    def get_page_subtitle(self):
        return pool_label(self.pool)

    def get_breadcrumbs_items(self):
        pools = {
            "url": reverse(f"{POOL_URLS}:list"),
            "label": capfirst(QuestionPool._meta.verbose_name_plural),
        }
        page = {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()}
        return [*self.breadcrumbs_items, pools, page]

    def get_base_queryset(self):
        questions = Question.objects.filter(pool=self.pool).defer("content")
        return selectors.question_statistics(questions=questions)

    def order_queryset(self, queryset):
        if not self.ordering:
            return queryset
        # Questions without a value (too few attempts) last whichever way; ties by name.
        field = self.ordering.lstrip("-")
        if self.ordering.startswith("-"):
            return queryset.order_by(F(field).desc(nulls_last=True), "name")
        return queryset.order_by(F(field).asc(nulls_last=True), "name")

    def decorate_paginated_queryset(self, object_list):
        for question in object_list:
            question.weak_reasons = selectors.weak_reasons(question)
            question.wrong_answer_label = selectors.wrong_answer_label(question)
        return object_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "pool": self.pool,
                "min_attempts": selectors.MIN_ATTEMPTS,
                "too_hard": selectors.TOO_HARD_PERCENT,
                "too_easy": selectors.TOO_EASY_PERCENT,
                "weak_discrimination": _decimal(selectors.WEAK_DISCRIMINATION),
            }
        )
        return context

    def get_filename(self):
        return f"statystyki-pytan-{self.pool.pk}-{timezone.localdate():%Y-%m-%d}"

    def to_row_dict(self, item):
        return {
            "name": item.name,
            "question_type": _type_label(item),
            "difficulty": item.get_difficulty_display(),
            "attempts": item.attempts,
            "correct_percent": item.correct_percent,
            "discrimination": item.discrimination,
            "wrong_answer": item.wrong_answer or "",
            "wrong_answer_count": item.wrong_answer_count,
            "weak": item.weak,
        }


class QuestionBankMenu(ViewSetGroup):
    menu_label = _("Bank pytań")
    menu_icon = "clipboard-list"
    menu_order = 305
    items = (QuestionPoolViewSet, QuestionViewSet)
