"""Checkpoints for the lesson "Serving a model: an HTTP endpoint, batching, latency percentiles"
(01-serving.md)."""

import numpy as np
from scipy.special import ndtri

from mlpath.grade import Misconception, checkpoint

# Each body, and the status the lesson's endpoint answers it with (a test posts them to the
# lesson's real app, so a change in pydantic or FastAPI shows there).
REQUEST_BODIES = [
    ('{"texts": [""]}: one empty text', 200),
    ('{"texts": [32 short questions]}: exactly 32 texts', 200),
    ('{"texts": [32 articles of 3,000 words each]}', 200),
    ('{"texts": "How do I read a p99 latency?"}: one text, not inside a list', 422),
]
_BODY_OPTIONS = [body for body, _ in REQUEST_BODIES]


def empty_text_rejected():
    return _BODY_OPTIONS[0]


def cap_exclusive():
    return _BODY_OPTIONS[1]


def cap_counts_words():
    return _BODY_OPTIONS[2]


@checkpoint("dep.serving.which-422", concepts=["dep.serving"], kind="choice")
class WhichRequestIs422:
    """The lesson's endpoint declares its contract as
    `texts: list[str] = Field(min_length=1, max_length=32)`. Four clients send these JSON
    bodies to `POST /embed`. Which one does FastAPI answer with 422, without running `embed`?

    a) `{"texts": [""]}`: one empty text

    b) `{"texts": [32 short questions]}`: exactly 32 texts

    c) `{"texts": [32 articles of 3,000 words each]}`

    d) `{"texts": "How do I read a p99 latency?"}`: one text, not inside a list

    Set `answer` to the letter of your choice.
    """

    options = _BODY_OPTIONS

    def solve():
        return _BODY_OPTIONS[3]

    misconceptions = [
        Misconception(
            "empty-text-rejected",
            empty_text_rejected,
            "thought an empty text breaks the contract",
            "min_length=1 is a rule for the list: at least one text. An empty string is still a "
            'str, so [""] is a list of one str: it passes, and the model embeds it. A rule for '
            "each text would have to be declared on the strings themselves.",
            revisit="dep.serving#an-endpoint-is-a-function-with-a-contract",
        ),
        Misconception(
            "cap-exclusive",
            cap_exclusive,
            "read max_length=32 as fewer than 32",
            "max_length=32 allows up to and including 32 texts; the lesson's 422 came from 33. "
            "Exactly 32 texts pass.",
            revisit="dep.serving#an-endpoint-is-a-function-with-a-contract",
        ),
        Misconception(
            "cap-counts-words",
            cap_counts_words,
            "thought the cap limits the length of the texts",
            "min_length and max_length on a list count its items, not the words in them: 32 "
            "long articles are 32 texts and pass. Their length is bounded elsewhere: the "
            "tokenizer cuts each text at 256 tokens.",
            revisit="dep.serving#an-endpoint-is-a-function-with-a-contract",
        ),
    ]
    hints = [
        "The contract says two things: the type (a list of strings) and the number of items "
        "(1 to 32). Which body breaks one of them?",
        'In JSON, ["..."] is a list and "..." is a string.',
    ]


_STARTER = """import numpy as np


def latency_summary(latencies_ms):
    ...
"""


# The variants are graded like a learner's file, so each is self-contained.
def summary_mean_as_p50(latencies_ms):
    x = np.asarray(latencies_ms, dtype=float)
    p95, p99 = np.percentile(x, [95, 99])
    return [float(np.mean(x)), float(p95), float(p99), len(x) / (np.sum(x) / 1000)]


def summary_throughput_from_median(latencies_ms):
    x = np.asarray(latencies_ms, dtype=float)
    p50, p95, p99 = np.percentile(x, [50, 95, 99])
    return [float(p50), float(p95), float(p99), 1000 / float(p50)]


def summary_throughput_per_ms(latencies_ms):
    x = np.asarray(latencies_ms, dtype=float)
    p50, p95, p99 = np.percentile(x, [50, 95, 99])
    return [float(p50), float(p95), float(p99), len(x) / np.sum(x)]


def summary_fractions_as_percents(latencies_ms):
    x = np.asarray(latencies_ms, dtype=float)
    p50, p95, p99 = np.percentile(x, [0.5, 0.95, 0.99])
    return [float(p50), float(p95), float(p99), len(x) / (np.sum(x) / 1000)]


def summary_unsorted(latencies_ms):
    x = np.asarray(latencies_ms, dtype=float)
    n = len(x)
    p50, p95, p99 = (float(x[int(p / 100 * (n - 1))]) for p in (50, 95, 99))
    return [p50, p95, p99, n / (np.sum(x) / 1000)]


def _latencies(rng, n, median, sigma):
    """n latencies (ms) spread evenly over a lognormal's quantiles, in a random order: neighbouring
    sorted values differ by at most 1.1% at p50, p95 and p99 (the most at p99 with n = 2000 and
    sigma = 0.55), so every standard percentile definition lands within the 2% tolerance, while
    the mean is over 8% above the median."""
    quantiles = (np.arange(n) + 0.5) / n
    values = np.round(median * np.exp(sigma * ndtri(quantiles)), 3)
    return rng.permutation(values)


def _blocks():
    """700 requests of 10 ms, 280 of 20 ms and 20 of 100 ms, shuffled: every percentile
    definition gives p50 = 10, p95 = 20 and p99 = 100 exactly."""
    values = np.repeat([10.0, 20.0, 100.0], [700, 280, 20])
    return np.random.default_rng(7).permutation(values)


@checkpoint("dep.latency-cost.summary", concepts=["dep.latency-cost"])
class LatencySummary:
    """Write `latency_summary(latencies_ms)`. Its argument is a 1-D array of the latencies of
    requests that one worker served one after another, in milliseconds. Return a list
    `[p50, p95, p99, throughput]`: the 50th, 95th and 99th percentiles in milliseconds, and the
    worker's throughput in requests per second.

    Any standard percentile definition is accepted: `np.percentile`'s default, another of its
    `method=` options, or a sorted value at the right position, counted from 0 or from 1. The
    test arrays hold a thousand requests or more, where these pick the same or a neighbouring
    sorted value, and neighbouring values differ by about 1% at most; each number is checked to
    within 2%.
    """

    function = "latency_summary"
    starter = _STARTER
    rtol = 0.02
    atol = 1e-9

    def reference(latencies_ms):
        x = np.asarray(latencies_ms, dtype=float)
        p50, p95, p99 = np.percentile(x, [50, 95, 99])
        return [float(p50), float(p95), float(p99), len(x) / (np.sum(x) / 1000)]

    def cases(rng):
        return [
            (_latencies(rng, int(rng.choice([2000, 2500, 3000])), rng.uniform(8, 60), sigma),)
            for sigma in (0.4, 0.5, 0.55, 0.45, 0.5)
        ]

    edge_cases = [(_blocks(),)]
    hidden = 1
    misconceptions = [
        Misconception(
            "mean-as-p50",
            summary_mean_as_p50,
            "returned the mean as p50",
            "p50 is the median: the latency that half the requests do not exceed. The mean is "
            "pulled up by the slow tail, so it is larger than the median and describes no "
            "typical request. Use np.percentile(x, 50) or np.median(x).",
            revisit="dep.serving#latency-is-a-distribution-so-name-a-percentile",
            fix="p50 = np.percentile(latencies_ms, 50)",
        ),
        Misconception(
            "throughput-from-median",
            summary_throughput_from_median,
            "computed the throughput as 1 / p50",
            "One worker serving requests back to back finishes n of them in the sum of their "
            "latencies, so its throughput is n / sum = 1 / mean. The slow requests take their "
            "full time too; 1 / median promises more requests per second than the worker "
            "delivers.",
            revisit="dep.serving#throughput-and-littles-law",
            fix="throughput = len(x) / (np.sum(x) / 1000)",
        ),
        Misconception(
            "throughput-per-ms",
            summary_throughput_per_ms,
            "gave the throughput in requests per millisecond",
            "The latencies are in milliseconds, so n / sum(latencies) counts requests per "
            "millisecond. Convert the total time to seconds first (divide it by 1000).",
            revisit="dep.serving#throughput-and-littles-law",
            fix="throughput = len(x) / (np.sum(x) / 1000)",
        ),
        Misconception(
            "fractions-as-percents",
            summary_fractions_as_percents,
            "passed 0.5, 0.95 and 0.99 to np.percentile, which reads them as percents",
            "np.percentile takes percents from 0 to 100, so np.percentile(x, 0.99) is the "
            "0.99th percentile, close to the fastest request. Write 50, 95 and 99, or use "
            "np.quantile with 0.5, 0.95 and 0.99.",
            revisit="dep.serving#latency-is-a-distribution-so-name-a-percentile",
            fix="np.percentile(x, [50, 95, 99])",
        ),
        Misconception(
            "unsorted",
            summary_unsorted,
            "took the values at the percentile positions without sorting first",
            "Position r = p/100 (n - 1) only means something in the sorted latencies; in "
            "arrival order the value there is just some request. Sort first (np.sort), or let "
            "np.percentile do it.",
            revisit="dep.serving#latency-is-a-distribution-so-name-a-percentile",
            fix="x = np.sort(latencies_ms)",
        ),
    ]
    hints = [
        "np.percentile(x, [50, 95, 99]) gives the three percentiles at once (percents, not "
        "fractions).",
        "One worker finishes all n requests in sum(x) milliseconds, that is sum(x) / 1000 "
        "seconds: the throughput is n divided by that.",
    ]


_DONE_PER_SECOND, _INSIDE = 150, 6


def littles_multiplied():
    return _DONE_PER_SECOND * _INSIDE


def littles_in_seconds():
    return _INSIDE / _DONE_PER_SECOND


def littles_inverted():
    return _DONE_PER_SECOND / _INSIDE


@checkpoint("dep.latency-cost.littles-law", concepts=["dep.latency-cost"], kind="numeric")
class LittlesLaw:
    """An embedding service runs several workers behind one address. Its monitoring shows that,
    averaged over an hour, it received 150 requests per second and held 6 requests at a time
    (waiting or being embedded). How long, on average, does a request spend in the service?
    Set `answer` to that time **in milliseconds**.
    """

    decimals = 1

    def solve():
        return 1000 * _INSIDE / _DONE_PER_SECOND

    misconceptions = [
        Misconception(
            "multiplied",
            littles_multiplied,
            "multiplied the rate by the number inside",
            "Little's law is L = λ W: the number inside equals the rate times the time. Here "
            "you know L and λ, so the time is W = L / λ.",
            revisit="dep.serving#throughput-and-littles-law",
        ),
        Misconception(
            "seconds",
            littles_in_seconds,
            "gave the time in seconds",
            "W = L / λ with λ in requests per second gives seconds. The question asks for "
            "milliseconds: multiply by 1000.",
            revisit="dep.serving#throughput-and-littles-law",
        ),
        Misconception(
            "inverted",
            littles_inverted,
            "divided the rate by the number inside",
            "λ / L has the unit 1 / second, not a time. From L = λ W, the time is W = L / λ.",
            revisit="dep.serving#throughput-and-littles-law",
        ),
    ]
    hints = [
        "Little's law: L = λ W. Which two of the three do you know?",
        "W = L / λ is in seconds when λ is per second; the answer is asked in milliseconds.",
    ]


_OPTIONS = [
    "18 ms describes the users well: half the requests are faster, and the rest are close to it",
    "About 1 request in 100 takes 240 ms or more, and about 5% of page loads include at least "
    "one such request: report p50 together with p95 and p99",
    "Report the mean instead: it includes every request, so it shows what the slowest users feel",
    "99% of requests take about 240 ms, so the median of 18 ms must be a measuring error",
]


def latency_is_median():
    return _OPTIONS[0]


def mean_shows_tail():
    return _OPTIONS[2]


def p99_is_typical():
    return _OPTIONS[3]


@checkpoint("dep.latency-cost.which-latency", concepts=["dep.latency-cost"], kind="choice")
class WhichLatency:
    """A team writes in its report: "our embedding API's latency is 18 ms". They computed the
    median time of one day's requests; the p99 of the same requests is 240 ms. A search page
    calls the API 5 times per page load, and slow requests come independently of each other.
    Which statement is right?

    a) 18 ms describes the users well: half the requests are faster, and the rest are close to
    it

    b) About 1 request in 100 takes 240 ms or more, and about 5% of page loads include at least
    one such request: report p50 together with p95 and p99

    c) Report the mean instead: it includes every request, so it shows what the slowest users
    feel

    d) 99% of requests take about 240 ms, so the median of 18 ms must be a measuring error

    Set `answer` to the letter of your choice.
    """

    options = _OPTIONS

    def solve():
        return _OPTIONS[1]

    misconceptions = [
        Misconception(
            "latency-is-p50",
            latency_is_median,
            "took the median (p50) as the latency",
            "The median says that half the requests are faster; it says nothing about how slow "
            "the other half are. Here 1 request in 100 takes over 13 times the median, and a "
            "page that calls 5 times meets such a request on about 1 load in 20. Name the "
            "percentile, and report the tail (p95, p99) with it.",
            revisit="dep.serving#latency-is-a-distribution-so-name-a-percentile",
        ),
        Misconception(
            "mean-shows-tail",
            mean_shows_tail,
            "thought the mean shows what the slowest users feel",
            "The mean mixes the slow requests in with the many fast ones: it lands between "
            "them and describes neither. Only a high percentile (p95, p99) says how slow the "
            "slow requests are.",
            revisit="dep.serving#latency-is-a-distribution-so-name-a-percentile",
        ),
        Misconception(
            "p99-is-typical",
            p99_is_typical,
            "read p99 as the time of 99% of the requests",
            "p99 is the time that 99% of requests do not exceed: 99 in 100 finish within "
            "240 ms, most of them far faster (half within 18 ms). Only 1 in 100 takes longer.",
            revisit="dep.serving#latency-is-a-distribution-so-name-a-percentile",
        ),
    ]
    hints = [
        "p99 = 240 ms means 99% of requests take at most 240 ms; what about the other 1%?",
        "A page with 5 independent calls avoids every slow one with probability 0.99 ** 5.",
    ]
