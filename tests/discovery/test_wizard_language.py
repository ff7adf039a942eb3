"""The wizard in Brazilian Portuguese: the browser's language picks the catalogue; the
stored answers are the same whichever language the consultant reads the wizard in."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from discovery.bank import BANK
from discovery.bank.model import AnswerInvalid, clean_posted
from discovery.models import Answer

pytestmark = pytest.mark.django_db

PT = {"HTTP_ACCEPT_LANGUAGE": "pt-BR,pt;q=0.9"}


def step_url(project, slug: str) -> str:
    return reverse("discovery:step", args=[project.pk, slug])


def test_step_in_portuguese_shows_its_title_navigation_and_buttons(consultant_client, project):
    html = consultant_client.get(step_url(project, "context"), **PT).content.decode()
    assert "Contexto operacional atual" in html
    assert "Etapa 2 de 6" in html
    assert "Próxima: Público-alvo →" in html
    assert "← Voltar: Objetivo geral" in html
    assert 'aria-label="Etapas da descoberta"' in html
    assert "Current operational context" not in html


def test_step_in_english_is_unchanged(consultant_client, project):
    html = consultant_client.get(step_url(project, "context")).content.decode()
    assert "Current operational context" in html
    assert "Step 2 of 6" in html
    assert "Next: Target audience →" in html
    assert "Contexto operacional atual" not in html


def test_validation_error_in_portuguese_and_nothing_stored(consultant_client, project):
    response = consultant_client.post(
        step_url(project, "context"),
        {"__q": ["context.team_size"], "context.team_size": "muitos", "action": "next"},
        HTTP_HX_REQUEST="true",
        **PT,
    )
    html = response.content.decode()
    assert "Informe um número inteiro, como 1200." in html
    assert "Algumas respostas não puderam ser salvas." in html
    assert not Answer.objects.filter(project=project).exists()


def test_same_answer_is_stored_whichever_language_it_was_typed_in(consultant_client, project):
    consultant_client.post(
        step_url(project, "context"),
        {"__q": ["context.team_size"], "context.team_size": "12", "action": "save"},
        **PT,
    )
    assert Answer.objects.get(project=project, question_id="context.team_size").value == 12


def test_row_errors_name_the_row_in_portuguese():
    question = BANK.questions["context.partners"]
    raw = {"context.partners.name": ["A", "B"], "context.partners.share": ["10", "muito"]}
    with translation.override("pt-br"), pytest.raises(AnswerInvalid) as error:
        clean_posted(question, raw)
    assert str(error.value).startswith("Linha 2, ")
    assert str(error.value).endswith(": Informe um número inteiro, como 1200.")


def test_question_label_help_and_choices_in_portuguese_store_the_same_value(
    consultant_client, project
):
    url = step_url(project, "objective")
    html = consultant_client.get(url, **PT).content.decode()
    assert "Qual é o principal desafio ou necessidade" in html
    assert "Marque todas as necessidades que se aplicam." in html
    assert ">Reduzir os tempos de resposta</label>" in html
    assert 'value="reduce_response_times"' in html
    assert ">necessária</span>" in html
    consultant_client.post(
        url,
        {"__q": ["objective.challenge"], "objective.challenge": ["reduce_costs"], "action": "save"},
        **PT,
    )
    stored = Answer.objects.get(project=project, question_id="objective.challenge").value
    assert stored == ["reduce_costs"]
    english = consultant_client.get(url).content.decode()
    assert ">Reduce response times</label>" in english
    assert "Reduzir os tempos de resposta" not in english
    # The bank itself stays English: generators and exports read it.
    assert BANK.questions["objective.challenge"].choice_label("reduce_costs") == (
        "Lower the cost per contact"
    )


def test_follow_up_choices_in_portuguese(consultant_client, project):
    consultant_client.post(
        step_url(project, "objective"),
        {
            "__q": ["objective.challenge"],
            "objective.challenge": ["automate_repetitive"],
            "action": "save",
        },
    )
    html = consultant_client.get(step_url(project, "objective"), **PT).content.decode()
    assert "Quais solicitações repetitivas tomam mais tempo?" in html
    assert ">Redefinição de senha e desbloqueio de conta</label>" in html
