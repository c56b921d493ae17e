"""Single sign-on through a local government's OpenID Connect provider (Entra ID, Keycloak...),
with mozilla-django-oidc. Off unless OIDC_RP_CLIENT_ID and a discovery URL or endpoints are set."""
