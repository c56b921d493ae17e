"""Certificate artwork (logos, signatures, backgrounds) lives in the "Zaświadczenia" image
collection, which only administrators may change.

Wagtail lets a permission granted on a collection reach all its sub-collections, so the trainers'
image permissions on the root would reach the certificate assets too. The image permission policy
below is Wagtail's own, except that inside the assets collection only permissions granted on it
(or below it) count: the Administrator role's (migration 0005), and superusers'.
"""

from wagtail.models import Collection
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

ASSETS_COLLECTION = "Zaświadczenia"


def assets_collections():
    """The assets collection and its sub-collections (none when it does not exist)."""
    root = Collection.objects.filter(depth=2, name=ASSETS_COLLECTION).first()
    if root is None:
        return Collection.objects.none()
    return Collection.objects.descendant_of(root, inclusive=True)


class CertificateAssetsPermissionPolicy(CollectionOwnershipPermissionPolicy):
    def _grants_inside(self, user, actions, protected: set[int]):
        return [
            grant
            for grant in self._get_user_permission_objects_for_actions(user, actions)
            if grant.collection_id in protected
        ]

    def _check_perm(self, user, actions, collection=None):
        if collection is None or not (user.is_active and user.is_authenticated):
            return super()._check_perm(user, actions, collection)
        if user.is_superuser:
            return True
        protected = set(assets_collections().values_list("pk", flat=True))
        if collection.pk not in protected:
            return super()._check_perm(user, actions, collection)
        return any(
            grant.collection_id == collection.pk or collection.is_descendant_of(grant.collection)
            for grant in self._grants_inside(user, actions, protected)
        )

    def _collections_with_perm(self, user, actions):
        protected = set(assets_collections().values_list("pk", flat=True))
        collections = super()._collections_with_perm(user, actions).exclude(pk__in=protected)
        for grant in self._grants_inside(user, actions, protected):
            collections |= Collection.objects.descendant_of(grant.collection, inclusive=True)
        return collections
