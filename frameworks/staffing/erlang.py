"""Queueing formulas for live channels: Erlang B and C, and Erlang A (callers abandon).

Pure: numbers in, numbers and frozen dataclasses out.

Erlang C (M/M/N), with A = λ·AHT/T the offered load in Erlangs and N agents (N > A):

    P_wait = C(N, A)               the Erlang C probability that a contact waits
    SL(t)  = 1 − P_wait·e^(−(N−A)·t/AHT)
    ASA    = P_wait·AHT/(N−A)
    occupancy = A/N

C is computed from Erlang B by the recurrence B(0)=1, B(k)=A·B(k−1)/(k+A·B(k−1)) and
C = N·B/(N − A·(1−B)), which never forms A^N or N! and stays stable for thousands of
agents. Erlang C ignores abandonment: its errors are "heavily biased and most likely to be
pessimistic" (Robbins, Medeiros & Harrison, WSC 2010), so it is the conservative bound.

Erlang A (M/M/N+M, Palm) adds patience: each waiting contact gives up after an
exponential time with mean 1/θ. It is computed exactly from the stationary distribution of
the birth–death chain (birth λ, death min(n,N)·μ + max(n−N,0)·θ), truncated where the tail
is negligible; it is stable at any load. With π the stationary distribution:

    P_wait    = Σ_{n≥N} π_n
    P_abandon = θ·E[queue]/λ
    ASA       = E[queue]/λ          (Little's law: the mean wait over every contact)
    occupancy = λ·(1 − P_abandon)/(N·μ)
    SL(t)     = Σ_{n<N} π_n + Σ_{n≥N} π_n·G(n−N, t)

where G(j, t) is the chance that a contact arriving behind j others is answered within t.
Ahead of it, the queue moves at rate N·μ + k·θ (service, or one of the k ahead giving up),
and it gives up itself at rate θ; so it is answered with probability N·μ/(N·μ + (j+1)·θ),
after a sum of exponentials with rates N·μ + i·θ, i = 1…j+1. That sum is the (j+1)-th
death among N·μ/θ + j + 1 lifetimes of rate θ, so with c = N·μ/θ and p = 1 − e^(−θ·t)

    P(sum ≤ t) = 1 − Σ_{k=0}^{j} C(c+k, k)·p^k·(1−p)^(c+1)

(the negative-binomial form of the regularised incomplete beta, valid for real c). This
counts a contact that abandons, at any time, as not answered within t. Erlang A "tends to
be optimistically biased" (Robbins 2019): neither model dominates, so the plan shows both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

# Floating-point quotients such as 14/0.7 land a hair above the integer; without this a
# ceiling would add a phantom agent.
EPSILON = 1e-9


def ceil(value: float) -> int:
    return math.ceil(value - EPSILON)


def offered_load(contacts: float, interval_minutes: float, aht_minutes: float) -> float:
    """Traffic in Erlangs: contacts arriving in the interval × handle time / interval."""
    if interval_minutes <= 0:
        raise ValueError("interval_minutes must be positive")
    if contacts < 0 or aht_minutes < 0:
        raise ValueError("contacts and aht_minutes must not be negative")
    return contacts * aht_minutes / interval_minutes


def erlang_b(agents: int, load: float) -> float:
    """Blocking probability of M/M/N/N, by the stable recurrence on N."""
    if agents < 0 or load < 0:
        raise ValueError("agents and load must not be negative")
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def erlang_c(agents: int, load: float) -> float:
    """Probability that a contact waits (M/M/N). 1.0 when the queue is unstable (N ≤ A)."""
    if load == 0:
        return 0.0
    if agents <= load:
        return 1.0
    blocking = erlang_b(agents, load)
    return agents * blocking / (agents - load * (1 - blocking))


def service_level(agents: int, load: float, aht_seconds: float, target_seconds: float) -> float:
    """Erlang C: share of contacts answered within `target_seconds`."""
    if load == 0:
        return 1.0
    if agents <= load:
        return 0.0
    waiting = erlang_c(agents, load)
    return 1.0 - waiting * math.exp(-(agents - load) * target_seconds / aht_seconds)


def average_speed_of_answer(agents: int, load: float, aht_seconds: float) -> float:
    """Erlang C: mean wait in seconds over all contacts; infinite when unstable."""
    if load == 0:
        return 0.0
    if agents <= load:
        return math.inf
    return erlang_c(agents, load) * aht_seconds / (agents - load)


def occupancy(agents: int, load: float) -> float:
    """Share of agents' time spent handling contacts (capped at 1 when overloaded)."""
    if agents <= 0:
        return 1.0 if load > 0 else 0.0
    return min(1.0, load / agents)


def scheduled_agents(agents_on_floor: float, shrinkage: float) -> int:
    """People to schedule so that `agents_on_floor` are available: ⌈N/(1−s)⌉."""
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage must be in [0, 1)")
    return ceil(agents_on_floor / (1 - shrinkage))


# --- Erlang C: sizing a live queue ----------------------------------------------------------


@dataclass(frozen=True)
class LiveQueue:
    """Arrivals in one interval of a live channel (phone, chat, messaging).

    For chat, `concurrency` is how many conversations one agent handles at once; the handle
    time is divided by it, the usual approximation.
    """

    contacts: float
    interval_minutes: float
    aht_minutes: float
    concurrency: int = 1

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if self.aht_minutes <= 0:
            raise ValueError("aht_minutes must be positive")

    @property
    def effective_aht_minutes(self) -> float:
        return self.aht_minutes / self.concurrency

    @property
    def load(self) -> float:
        return offered_load(self.contacts, self.interval_minutes, self.effective_aht_minutes)


@dataclass(frozen=True)
class ServiceTarget:
    """E.g. 80% answered within 20 s, at most 85% occupancy, 30% shrinkage."""

    service_level: float = 0.8
    answer_seconds: float = 20.0
    max_occupancy: float = 0.85
    shrinkage: float = 0.3

    def __post_init__(self) -> None:
        if not 0 < self.service_level < 1:
            raise ValueError("service_level must be in (0, 1)")
        if not 0 < self.max_occupancy <= 1:
            raise ValueError("max_occupancy must be in (0, 1]")
        if not 0 <= self.shrinkage < 1:
            raise ValueError("shrinkage must be in [0, 1)")
        if self.answer_seconds < 0:
            raise ValueError("answer_seconds must not be negative")

    def describe(self) -> str:
        return (
            f"{self.service_level:.0%} answered within {self.answer_seconds:g} s, "
            f"occupancy at most {self.max_occupancy:.0%}, shrinkage {self.shrinkage:.0%}"
        )


@dataclass(frozen=True)
class ErlangResult:
    load: float
    agents: int
    scheduled: int
    service_level: float
    waiting_probability: float
    asa_seconds: float
    occupancy: float


def erlang_result(queue: LiveQueue, agents: int, target: ServiceTarget) -> ErlangResult:
    """The queue's figures with exactly `agents` on the floor."""
    load = queue.load
    aht_seconds = queue.effective_aht_minutes * 60
    return ErlangResult(
        load=load,
        agents=agents,
        scheduled=scheduled_agents(agents, target.shrinkage),
        service_level=service_level(agents, load, aht_seconds, target.answer_seconds),
        waiting_probability=erlang_c(agents, load),
        asa_seconds=average_speed_of_answer(agents, load, aht_seconds),
        occupancy=occupancy(agents, load),
    )


def required_agents(queue: LiveQueue, target: ServiceTarget) -> ErlangResult:
    """The smallest N that meets the service level AND keeps occupancy under the cap.

    SL rises with N once N > A, so the first N that meets it is the smallest.
    """
    load = queue.load
    if load == 0:
        return erlang_result(queue, 0, target)
    aht_seconds = queue.effective_aht_minutes * 60
    agents = max(math.floor(load) + 1, ceil(load / target.max_occupancy))
    while (
        service_level(agents, load, aht_seconds, target.answer_seconds)
        < target.service_level - EPSILON
    ):
        agents += 1
    return erlang_result(queue, agents, target)


# --- Erlang A ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErlangAFigures:
    """What N agents achieve on one interval's traffic when contacts may abandon."""

    agents: int
    waiting_probability: float
    abandonment: float
    asa_seconds: float
    service_level: float
    occupancy: float


def _stationary(agents: int, arrival: float, service: float, patience: float) -> list[float]:
    """π_n of the M/M/N+M chain, normalised, up to where the tail is negligible."""
    terms = [1.0]
    total = 1.0
    n = 0
    while True:
        n += 1
        death = min(n, agents) * service + max(n - agents, 0) * patience
        term = terms[-1] * arrival / death
        terms.append(term)
        total += term
        if n > agents and term < 1e-16 * total:
            break
        if term > 1e250:  # heavy traffic: rescale before the floats overflow
            terms = [t / 1e250 for t in terms]
            total /= 1e250
    return [t / total for t in terms]


def _answered_within(agents: int, service: float, patience: float, seconds: float, depth: int):
    """G(j, t) for j = 0…depth − 1 (see the module docstring), in one pass over j."""
    a = agents * service
    c = a / patience
    p = -math.expm1(-patience * seconds)  # 1 − e^(−θt), exact for small θt
    if p <= 0:
        return [0.0] * depth
    log_p = math.log(p)
    log_q = math.log1p(-p) if p < 1 else -math.inf
    out = []
    partial = 0.0  # Σ_{k=0}^{j} C(c+k, k)·p^k·(1−p)^(c+1)
    log_term = (c + 1) * log_q  # k = 0
    for j in range(depth):
        if j > 0:
            log_term += math.log((c + j) / j) + log_p
        partial += math.exp(log_term) if log_term > -745 else 0.0
        reached = max(0.0, 1.0 - partial)
        out.append(a / (a + (j + 1) * patience) * reached)
    return out


def erlang_a(
    agents: int,
    contacts: float,
    interval_minutes: float,
    aht_minutes: float,
    patience_seconds: float,
    answer_seconds: float,
) -> ErlangAFigures:
    """Erlang A figures with exactly `agents` on the floor. Rates are per second."""
    if agents < 0 or contacts < 0:
        raise ValueError("agents and contacts must not be negative")
    if aht_minutes <= 0 or patience_seconds <= 0 or interval_minutes <= 0:
        raise ValueError("aht_minutes, patience_seconds and interval_minutes must be positive")
    arrival = contacts / (interval_minutes * 60)
    if arrival == 0:
        return ErlangAFigures(agents, 0.0, 0.0, 0.0, 1.0, 0.0)
    service = 1 / (aht_minutes * 60)
    patience = 1 / patience_seconds
    pi = _stationary(agents, arrival, service, patience)
    waiting = sum(pi[agents:])
    queue = sum((n - agents) * pi[n] for n in range(agents, len(pi)))
    abandonment = patience * queue / arrival
    if agents == 0:
        return ErlangAFigures(0, 1.0, 1.0, queue / arrival, 0.0, 1.0)
    within = _answered_within(agents, service, patience, answer_seconds, len(pi) - agents)
    answered = sum(pi[:agents]) + sum(pi[agents + j] * g for j, g in enumerate(within))
    return ErlangAFigures(
        agents=agents,
        waiting_probability=waiting,
        abandonment=abandonment,
        asa_seconds=queue / arrival,
        service_level=min(1.0, answered),
        occupancy=min(1.0, arrival * (1 - abandonment) / (agents * service)),
    )


@lru_cache(maxsize=65536)
def erlang_a_cached(
    agents: int, contacts: float, interval: float, aht: float, patience: float, answer: float
) -> ErlangAFigures:
    return erlang_a(agents, contacts, interval, aht, patience, answer)


def required_agents_a(
    contacts: float,
    interval_minutes: float,
    aht_minutes: float,
    patience_seconds: float,
    *,
    service_level: float | None = None,
    answer_seconds: float = 20.0,
    asa_seconds: float | None = None,
    abandonment: float | None = None,
    max_occupancy: float = 1.0,
) -> ErlangAFigures:
    """The fewest agents that meet every target given (service level within
    `answer_seconds`, average wait, abandonment, occupancy cap) under Erlang A. Each measure
    improves with N, so the answer is found by doubling then bisection."""
    if contacts <= 0:
        return ErlangAFigures(0, 0.0, 0.0, 0.0, 1.0, 0.0)
    key = (float(contacts), float(interval_minutes), float(aht_minutes), float(patience_seconds))

    def meets(n: int) -> bool:
        f = erlang_a_cached(n, *key, float(answer_seconds))
        if f.occupancy > max_occupancy + EPSILON:
            return False
        if service_level is not None and f.service_level < service_level - EPSILON:
            return False
        if asa_seconds is not None and f.asa_seconds > asa_seconds + EPSILON:
            return False
        return abandonment is None or f.abandonment <= abandonment + EPSILON

    high = 1
    while not meets(high):
        high *= 2
    low = high // 2
    while high - low > 1:
        mid = (low + high) // 2
        if meets(mid):
            high = mid
        else:
            low = mid
    if low >= 1 and meets(low):  # high == 1 and it meets: low is 0
        high = low
    return erlang_a_cached(high, *key, float(answer_seconds))
