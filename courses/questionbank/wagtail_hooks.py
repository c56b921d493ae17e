from django.shortcuts import redirect
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from courses.questionbank.models import Question, QuestionPool
from courses.questionbank.permissions import QuestionPolicy, QuestionPoolPolicy
from courses.questionbank.viewsets import QuestionBankMenu, refuse_deletion

# Before any view asks for them (Wagtail would otherwise create its default model policies).
register_permission_policy(QuestionPool, QuestionPoolPolicy(QuestionPool))
register_permission_policy(Question, QuestionPolicy(Question))

# "Bank pytań": pools (with each pool's statistics) and questions.
register_snippet(QuestionBankMenu)


@hooks.register("before_delete_snippet")
def keep_answered_questions_and_full_pools(request, instances):
    """One guard for single and bulk deletes: a pool with questions, or a question that was
    answered, is not deleted; the person is sent back to the listing with the reason."""
    instances = list(instances)
    if not instances or not isinstance(instances[0], (Question, QuestionPool)):
        return None
    if refuse_deletion(request, instances):
        return redirect(instances[0].snippet_viewset.get_url_name("list"))
    return None
