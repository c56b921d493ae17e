"""Choosing a person in the Wagtail admin: a searchable list of active people (name, e-mail,
unit) for forms of other apps. Each app creates its own `PersonChooserViewSet` instance with the
permissions that may use it, since the list shows people's e-mail addresses:

    person_chooser_viewset = PersonChooserViewSet(
        "event_person_chooser", url_prefix="osoby-wybor", required_permissions=(...)
    )

and registers it with `register_admin_viewset`; its `widget_class` goes into a panel.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from lms.users.models import User
from lms.users.selectors import users_visible_to


def person_label(user) -> str:
    name = user.get_full_name()
    return f"{name} <{user.email}>" if name else user.email


class PersonChooserWidget(BaseChooser):
    show_edit_link = False
    queryset = None  # a form may narrow whom the widget shows (the people its user may see)

    def get_instance(self, value):
        if self.queryset is not None and value is not None and not hasattr(value, "pk"):
            return self.queryset.filter(pk=value).first() if str(value).isdigit() else None
        return super().get_instance(value)

    def get_display_title(self, instance):
        return person_label(instance)


class PersonSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Szukaj"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Imię, nazwisko lub e-mail")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        self.is_searching, self.search_query = True, query
        for word in query.split():
            objects = objects.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        return objects


class PersonChooserMixin:
    """Only for those holding one of the viewset's `required_permissions` (none: nobody): the
    list shows people's e-mail addresses."""

    required_permissions: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not any(request.user.has_perm(name) for name in self.required_permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return (
            users_visible_to(self.request.user)
            .filter(is_active=True, anonymised_at__isnull=True)
            .select_related("unit")
            .order_by("last_name", "first_name", "email")
        )

    def get_display_title(self, instance):
        return person_label(instance)


class PersonChooseMixin(PersonChooserMixin):
    filter_form_class = PersonSearchForm
    per_page = 25

    @property
    def columns(self):
        return [
            *super().columns,
            Column("email", label=_("E-mail"), accessor="email"),
            Column("unit", label=_("Jednostka"), accessor="unit"),
        ]


class PersonChooseView(PersonChooseMixin, chooser_views.ChooseView):
    pass


class PersonChooseResultsView(PersonChooseMixin, chooser_views.ChooseResultsView):
    pass


class PersonChosenView(PersonChooserMixin, chooser_views.ChosenView):
    def get_object(self, pk):
        return self.get_object_list().get(pk=pk)


class PersonChosenMultipleView(PersonChooserMixin, chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        return self.get_object_list().filter(pk__in=pks)


class PersonChooserViewSet(ChooserViewSet):
    model = User
    icon = "user"
    choose_one_text = _("Wybierz osobę")
    choose_another_text = _("Zmień osobę")
    register_widget = False  # only where a panel asks for it: other forms keep theirs
    base_widget_class = PersonChooserWidget
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    chosen_view_class = PersonChosenView
    chosen_multiple_view_class = PersonChosenMultipleView
    required_permissions: tuple[str, ...] = ()  # set per instance: who may list people

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            required_permissions=tuple(self.required_permissions), **kwargs
        )
