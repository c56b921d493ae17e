"""Who authors the knowledge base in the admin: administrators, and trainers (Wagtail's "add"
page permission on the knowledge index, see `services.open_knowledge_base_to_trainers`)."""

from knowledge.models import KnowledgeIndexPage
from lms.users.roles import is_administrator


def may_review_standards(user) -> bool:
    """May see the "Standardy do przeglądu" report: whoever may write or publish standards."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_administrator(user):
        return True
    index = KnowledgeIndexPage.objects.first()
    if index is None:
        return False
    permissions = index.permissions_for_user(user)
    return permissions.can_add_subpage() or permissions.can_publish()
