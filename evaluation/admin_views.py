"""The programme board's evaluation reports in the admin: response rates per course or event,
a survey's results (charts, averages, open answers) and the knowledge gain. Wagtail report views
with the platform's CSV/XLSX writers (`lms.reports.views.ScopedReportMixin`); every figure comes
from `evaluation.reports`, already cut by the anonymity rule, so the page and its export show the
same."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from evaluation import reports
from evaluation.blocks import CHOICE, LIKERT, SCALE
from evaluation.filters import KnowledgeFilterSet, ResultsFilterSet
from evaluation.models import Survey
from lms.reports.views import ScopedReportMixin


def _number(value) -> str:
    return "–" if value is None else f"{value}".replace(".", ",")


class EvaluationReportMixin(ScopedReportMixin):
    """Administrators and coordinators (their units' figures) only; trainers are refused, as
    the surveys rate them."""

    def dispatch(self, request, *args, **kwargs):
        if reports.results_scope(request.user) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_results_page_title(self):
        return self.page_title

    def order_queryset(self, queryset):
        return queryset

    def dated(self, name: str) -> str:
        return f"{name}-{timezone.localdate():%Y-%m-%d}"

    def filter_values(self) -> dict:
        """The filters' cleaned values ({} when none or invalid: the defaults then)."""
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}


# --- Response rates per course or event -----------------------------------------------------------


class SurveySummaryView(EvaluationReportMixin, ReportView):
    page_title = _("Ankiety: odsetek odpowiedzi")
    header_icon = "clipboard-list"
    index_url_name = "evaluation_summary"
    index_results_url_name = "evaluation_summary_results"
    paginate_by = 50
    export_filename = "ankiety-odsetek-odpowiedzi"
    list_export = ["label", "kind", "invited", "answered", "rate", "average"]

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "label",
                label=_("Szkolenie lub wydarzenie"),
                get_url=lambda row: (
                    reverse("evaluation_results") + "?" + urlencode({"page": row["page_id"]})
                ),
            ),
            Column("kind", label=_("Rodzaj")),
            Column("invited", label=_("Zaproszeni")),
            Column("answered", label=_("Wypełnili")),
            Column("rate", label=_("Odsetek odpowiedzi"), accessor=lambda row: f"{row['rate']}%"),
            Column(
                "average",
                label=_("Średnia ocen 1–5"),
                accessor=lambda row: _number(row["average"]),
            ),
        ]

    def get_queryset(self):
        return reports.page_summary(
            responses=reports.scoped_responses(self.scope),
            invitations=reports.scoped_invitations(self.scope),
        )

    def as_spreadsheet(self, rows, spreadsheet_format):
        return self.send_spreadsheet(
            rows=(
                [r["label"], r["kind"], r["invited"], r["answered"], r["rate"], r["average"]]
                for r in rows
            ),
            headings=[
                gettext("Szkolenie lub wydarzenie"),
                gettext("Rodzaj"),
                gettext("Zaproszeni"),
                gettext("Wypełnili"),
                gettext("Odsetek odpowiedzi"),
                gettext("Średnia ocen 1–5 (od 5 odpowiedzi)"),
            ],
            kinds=["text", "text", "integer", "integer", "percent", "number"],
            fmt=spreadsheet_format,
            filename=self.dated(self.export_filename),
        )


# --- One survey's results ----------------------------------------------------------------------------


class SurveyResultsView(EvaluationReportMixin, ReportView):
    page_title = _("Ankiety: wyniki")
    header_icon = "clipboard-list"
    template_name = "evaluation/admin/results.html"
    results_template_name = "evaluation/admin/results_results.html"
    index_url_name = "evaluation_results"
    index_results_url_name = "evaluation_results_results"
    filterset_class = ResultsFilterSet
    paginate_by = None
    export_filename = "ankiety-wyniki"
    list_export = ["label"]

    @cached_property
    def selection(self) -> dict:
        data = self.filter_values()
        page = data.get("page")
        survey = data.get("survey") or self._survey_of(page) or Survey.objects.default()
        return {"survey": survey, "page": page, "by": data.get("by") or "page"}

    def _survey_of(self, page: Page | None) -> Survey | None:
        if page is None:
            return None
        invitations = reports.scoped_invitations(self.scope).filter(page=page)
        survey_id = invitations.order_by("-invited_at").values_list("survey_id", flat=True).first()
        return Survey.objects.filter(pk=survey_id).first()

    @cached_property
    def results(self) -> reports.SurveyResults | None:
        survey = self.selection["survey"]
        if survey is None:
            return None
        responses = reports.scoped_responses(self.scope).filter(survey=survey)
        invitations = reports.scoped_invitations(self.scope).filter(survey=survey)
        if self.selection["page"] is not None:
            responses = responses.filter(page=self.selection["page"])
            invitations = invitations.filter(page=self.selection["page"])
        return reports.survey_results(
            survey=survey, responses=responses, invitations=invitations, by=self.selection["by"]
        )

    @cached_property
    def columns(self):
        return [
            Column("label", label=reports.GROUPINGS[self.selection["by"]].heading),
            Column("invited", label=_("Zaproszeni")),
            Column("answered", label=_("Wypełnili")),
            Column("rate", label=_("Odsetek odpowiedzi"), accessor=lambda row: f"{row.rate}%"),
        ]

    def get_queryset(self):
        return self.results.rates if self.results is not None else []

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            results=self.results,
            survey=self.selection["survey"],
            selected_page=self.selection["page"],
            min_group=reports.anonymity.MIN_GROUP,
        )
        return context

    def as_spreadsheet(self, rows, spreadsheet_format):
        """One row per figure: the response rates, each scale question's average and
        distribution per group, each option's count, each open answer (shuffled)."""
        return self.send_spreadsheet(
            rows=self._export_rows(),
            headings=[
                gettext("Grupa"),
                gettext("Pytanie"),
                gettext("Rodzaj"),
                gettext("Liczba odpowiedzi"),
                gettext("Średnia"),
                *(str(point) for point in SCALE),
                gettext("Odpowiedź"),
                gettext("Liczba wskazań"),
                gettext("Zaproszeni"),
                gettext("Odsetek odpowiedzi"),
            ],
            kinds=["text", "text", "text", "integer", "number"]
            + ["integer"] * len(SCALE)
            + ["text", "integer", "integer", "percent"],
            fmt=spreadsheet_format,
            filename=self.dated(self.export_filename),
        )

    def _export_rows(self):
        results = self.results
        if results is None:
            return
        blank = [None] * len(SCALE)
        rate_kind = gettext("odsetek odpowiedzi")
        for row in results.rates if results.grouping.shown else results.rates[-1:]:
            yield [
                row.label,
                "",
                rate_kind,
                row.answered,
                None,
                *blank,
                "",
                None,
                row.invited,
                row.rate,
            ]
        for question in results.questions:
            for group in question.groups:
                head = [group.label, question.text]
                if question.type == LIKERT:
                    scale = [group.counts.get(point, 0) for point in SCALE]
                    kind = gettext("skala 1–5")
                    yield [*head, kind, group.n, group.average, *scale, "", None, None, None]
                elif question.type == CHOICE:
                    kind = gettext("jednokrotny wybór")
                    for share in group.shares:
                        option = [share["label"], share["count"], None, None]
                        yield [*head, kind, group.n, None, *blank, *option]
                else:
                    kind = gettext("pytanie otwarte")
                    for text in group.texts:
                        yield [*head, kind, None, None, *blank, text, None, None, None]


# --- Knowledge gain -------------------------------------------------------------------------------


class KnowledgeGainView(EvaluationReportMixin, ReportView):
    page_title = _("Przyrost wiedzy: test wstępny i końcowy")
    header_icon = "doc-full"
    template_name = "evaluation/admin/knowledge.html"
    index_url_name = "evaluation_knowledge"
    index_results_url_name = "evaluation_knowledge_results"
    filterset_class = KnowledgeFilterSet
    paginate_by = 50
    export_filename = "przyrost-wiedzy"
    list_export = ["label", "learners", "pre", "post", "gain"]

    @cached_property
    def selection(self) -> dict:
        data = self.filter_values()
        return {"by": data.get("by") or "course", "course": data.get("course")}

    @cached_property
    def columns(self):
        return [
            Column("label", label=reports.KNOWLEDGE_GROUPINGS[self.selection["by"]]),
            Column("learners", label=_("Osoby z oboma testami")),
            Column("pre", label=_("Średni wynik testu wstępnego"), accessor=self._percent("pre")),
            Column("post", label=_("Średni wynik testu końcowego"), accessor=self._percent("post")),
            Column("gain", label=_("Przyrost (punkty procentowe)"), accessor=self._gain),
        ]

    @staticmethod
    def _percent(name):
        return lambda row: f"{_number(row[name])}%"

    @staticmethod
    def _gain(row):
        sign = "+" if row["gain"] > 0 else ""
        return f"{sign}{_number(row['gain'])}"

    def get_queryset(self):
        return reports.knowledge_gain(scope=self.scope, **self.selection)

    def get_context_data(self, *args, **kwargs):
        return {
            **super().get_context_data(*args, **kwargs),
            "min_group": reports.anonymity.MIN_GROUP,
        }

    def as_spreadsheet(self, rows, spreadsheet_format):
        return self.send_spreadsheet(
            rows=([r["label"], r["learners"], r["pre"], r["post"], r["gain"]] for r in rows),
            headings=[
                str(reports.KNOWLEDGE_GROUPINGS[self.selection["by"]]),
                gettext("Osoby z oboma testami"),
                gettext("Średni wynik testu wstępnego (%)"),
                gettext("Średni wynik testu końcowego (%)"),
                gettext("Przyrost (punkty procentowe)"),
            ],
            kinds=["text", "integer", "number", "number", "number"],
            fmt=spreadsheet_format,
            filename=self.dated(f"{self.export_filename}-{self.selection['by']}"),
        )
