"""The discovery question bank (data) and the pure wizard logic over it."""

from __future__ import annotations

from .data import BANK_VERSION, CHANNELS, KPIS, STEPS
from .model import AnswerInvalid, Choice, QType, Question, QuestionBank, Step, clean_answer

BANK = QuestionBank(STEPS, version=BANK_VERSION)

__all__ = [
    "BANK",
    "CHANNELS",
    "KPIS",
    "AnswerInvalid",
    "Choice",
    "QType",
    "Question",
    "QuestionBank",
    "Step",
    "clean_answer",
]
