"""Checkpoints for the lesson "What serving costs: tokens, memory, machines and money"
(06-cost.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "dep.cost"


# The variants are graded like a learner's file, so each is self-contained.
def per_1k_prices_per_thousand(input_tokens, output_tokens, price_in_per_m, price_out_per_m):
    return (input_tokens * price_in_per_m + output_tokens * price_out_per_m) / 1e3 * 1000


def per_1k_per_request(input_tokens, output_tokens, price_in_per_m, price_out_per_m):
    return (input_tokens * price_in_per_m + output_tokens * price_out_per_m) / 1e6


def per_1k_no_output(input_tokens, output_tokens, price_in_per_m, price_out_per_m):
    return input_tokens * price_in_per_m / 1e6 * 1000


def per_1k_swapped(input_tokens, output_tokens, price_in_per_m, price_out_per_m):
    return (input_tokens * price_out_per_m + output_tokens * price_in_per_m) / 1e6 * 1000


def per_1k_one_price(input_tokens, output_tokens, price_in_per_m, price_out_per_m):
    return (input_tokens + output_tokens) * price_in_per_m / 1e6 * 1000


def _request(rng):
    return (
        int(rng.integers(50, 4000)),
        int(rng.integers(20, 1000)),
        float(np.round(rng.uniform(0.05, 5.0), 2)),
        float(np.round(rng.uniform(0.2, 20.0), 2)),
    )


@checkpoint(f"{LESSON}.per-1k", concepts=[LESSON])
class CostPer1k:
    """Write `cost_per_1k_requests(input_tokens, output_tokens, price_in_per_m,
    price_out_per_m)`: the cost in USD of 1,000 requests, each sending `input_tokens` tokens
    and receiving `output_tokens` tokens, when the provider charges `price_in_per_m` USD per
    million input tokens and `price_out_per_m` USD per million output tokens. Return one number,
    unrounded (a request often costs a fraction of a cent).
    """

    function = "cost_per_1k_requests"
    starter = (
        "def cost_per_1k_requests(input_tokens, output_tokens, price_in_per_m, "
        "price_out_per_m):\n    ...\n"
    )

    def reference(input_tokens, output_tokens, price_in_per_m, price_out_per_m):
        usd_per_request = (
            input_tokens * price_in_per_m / 1_000_000 + output_tokens * price_out_per_m / 1_000_000
        )
        return 1000 * usd_per_request

    def cases(rng):
        return [_request(rng) for _ in range(5)]

    edge_cases = [(412, 150, 0.5, 1.5), (1000, 0, 2.0, 8.0)]
    hidden = 1
    misconceptions = [
        Misconception(
            "price-per-thousand-tokens",
            per_1k_prices_per_thousand,
            "treated the prices as per thousand tokens, so the result is 1,000 times too large",
            "The prices are per million tokens: a request costs tokens x price / 1,000,000. "
            "Dividing by 1,000 makes each token a thousand times dearer.",
            revisit=f"{LESSON}#a-hosted-api-price-per-million-tokens",
        ),
        Misconception(
            "per-request",
            per_1k_per_request,
            "returned the cost of one request, not of a thousand",
            "tokens x price / 1,000,000 is the cost of one request; a thousand requests cost "
            "1,000 times that.",
            revisit=f"{LESSON}#a-hosted-api-price-per-million-tokens",
            fix="return 1000 * (input_tokens * price_in_per_m + output_tokens * "
            "price_out_per_m) / 1e6",
        ),
        Misconception(
            "no-output",
            per_1k_no_output,
            "counted the input tokens only",
            "The answer's tokens are billed too, at the output price, which is often higher: "
            "add output_tokens x price_out_per_m.",
            revisit=f"{LESSON}#a-hosted-api-price-per-million-tokens",
        ),
        Misconception(
            "swapped-prices",
            per_1k_swapped,
            "priced the input tokens at the output price and the reverse",
            "Each kind of token has its own price: input_tokens x price_in_per_m + "
            "output_tokens x price_out_per_m.",
            revisit=f"{LESSON}#a-hosted-api-price-per-million-tokens",
        ),
        Misconception(
            "one-price",
            per_1k_one_price,
            "charged the output tokens at the input price",
            "Output tokens have their own price, price_out_per_m: (input_tokens x "
            "price_in_per_m + output_tokens x price_out_per_m) / 1,000,000 per request.",
            revisit=f"{LESSON}#a-hosted-api-price-per-million-tokens",
        ),
    ]
    hints = [
        "One request: input_tokens x price_in_per_m / 1,000,000 plus the same for the output.",
        "Then multiply by 1,000 for a thousand requests.",
    ]


_PARAMS, _BYTES_FLOAT16 = 3.8e9, 2


def memory_float32():
    return _PARAMS * 4 / 1e9


def memory_one_byte():
    return _PARAMS / 1e9


def memory_bits():
    return _PARAMS * 16 / 1e9


def memory_gib():
    return _PARAMS * _BYTES_FLOAT16 / 2**30


@checkpoint(f"{LESSON}.weights-memory", concepts=[LESSON], kind="numeric")
class WeightsMemory:
    """A model has $3.8 \\times 10^9$ parameters and is served in float16. How many gigabytes
    (1 GB = $10^9$ bytes) do its weights take? Type the number of gigabytes only.
    """

    decimals = 1

    def solve():
        return _PARAMS * np.dtype(np.float16).itemsize / 1e9

    misconceptions = [
        Misconception(
            "float32",
            memory_float32,
            "used 4 bytes per parameter, float32's size",
            "float16 numbers take 2 bytes each; 4 bytes is float32.",
            revisit=f"{LESSON}#self-hosting-memory-for-weights-and-the-kv-cache",
        ),
        Misconception(
            "one-byte",
            memory_one_byte,
            "counted one byte per parameter",
            "One byte per parameter is int8. A float16 takes 16 bits = 2 bytes.",
            revisit=f"{LESSON}#self-hosting-memory-for-weights-and-the-kv-cache",
        ),
        Misconception(
            "bits",
            memory_bits,
            "counted 16 bytes per parameter: the 16 of float16 is bits",
            "float16 has 16 bits, and 8 bits make a byte: 2 bytes per parameter.",
            revisit=f"{LESSON}#self-hosting-memory-for-weights-and-the-kv-cache",
        ),
        Misconception(
            "gibibytes",
            memory_gib,
            "divided by 2^30 (GiB) instead of 10^9 (GB)",
            "The question asks for GB, 10^9 bytes. 2^30 bytes is a GiB, about 7% larger.",
            revisit=f"{LESSON}#self-hosting-memory-for-weights-and-the-kv-cache",
        ),
    ]
    hints = [
        "Memory = parameters x bytes per parameter.",
        "float16 is 2 bytes; divide the bytes by 10^9.",
    ]


# Layers and heads differ, so that leaving out either one is a different number.
_LAYERS, _HEADS, _HEAD_DIM, _TOKENS, _REQUESTS = 60, 52, 128, 2048, 16


def kv_one_factor_2():
    return _LAYERS * _HEADS * _HEAD_DIM * 2 * _TOKENS * _REQUESTS / 1e9


def kv_float32():
    return 2 * _LAYERS * _HEADS * _HEAD_DIM * 4 * _TOKENS * _REQUESTS / 1e9


def kv_one_request():
    return 2 * _LAYERS * _HEADS * _HEAD_DIM * 2 * _TOKENS / 1e9


def kv_one_head():
    return 2 * _LAYERS * _HEAD_DIM * 2 * _TOKENS * _REQUESTS / 1e9


def kv_one_layer():
    return 2 * _HEADS * _HEAD_DIM * 2 * _TOKENS * _REQUESTS / 1e9


def kv_gib():
    return 2 * _LAYERS * _HEADS * _HEAD_DIM * 2 * _TOKENS * _REQUESTS / 2**30


@checkpoint(f"{LESSON}.kv-cache", concepts=[LESSON], kind="numeric")
class KvCache:
    """A decoder has 60 layers with 52 heads of 128 dimensions each, and keeps its KV cache in
    float16 (2 bytes a number). It serves 16 requests at once, each with 2,048 tokens of
    context. How many gigabytes (1 GB = $10^9$ bytes) does the KV cache of all 16 take?
    """

    decimals = 1

    def solve():
        bytes_per_token = 2 * _LAYERS * _HEADS * _HEAD_DIM * 2
        return bytes_per_token * _TOKENS * _REQUESTS / 1e9

    misconceptions = [
        Misconception(
            "one-factor-2",
            kv_one_factor_2,
            "left out one of the two factors of 2: the values beside the keys, or the 2 bytes "
            "of a float16",
            "Your answer is half the right one. Every layer keeps a key and a value for each "
            "head and token (the first 2), and each number takes 2 bytes in float16 (the "
            "second): 2 x layers x heads x head dim x 2 bytes per token.",
            revisit=f"{LESSON}#self-hosting-memory-for-weights-and-the-kv-cache",
        ),
        Misconception(
            "float32",
            kv_float32,
            "used 4 bytes a number instead of float16's 2",
            "The cache is float16: 2 bytes a number.",
            revisit=f"{LESSON}#self-hosting-memory-for-weights-and-the-kv-cache",
        ),
        Misconception(
            "one-request",
            kv_one_request,
            "computed the cache of one request, not of all 16",
            "Each request in flight has its own cache of its own tokens: multiply by the 16 "
            "requests served at once.",
            revisit=f"{LESSON}#self-hosting-memory-for-weights-and-the-kv-cache",
        ),
        Misconception(
            "one-head",
            kv_one_head,
            "left out the number of heads",
            "Each of the 52 heads keeps its own key and value of 128 numbers, so a layer keeps "
            "2 x 52 x 128 numbers per token.",
            revisit=f"{LESSON}#self-hosting-memory-for-weights-and-the-kv-cache",
        ),
        Misconception(
            "one-layer",
            kv_one_layer,
            "left out the number of layers",
            "Each of the 60 layers has its own attention, so each keeps its own keys and "
            "values: multiply by the layers too.",
            revisit=f"{LESSON}#self-hosting-memory-for-weights-and-the-kv-cache",
        ),
        Misconception(
            "gibibytes",
            kv_gib,
            "divided by 2^30 (GiB) instead of 10^9 (GB)",
            "The question asks for GB, 10^9 bytes. 2^30 bytes is a GiB, about 7% larger.",
            revisit=f"{LESSON}#self-hosting-memory-for-weights-and-the-kv-cache",
        ),
    ]
    hints = [
        "Bytes per token: 2 x layers x heads x head dim x 2 bytes.",
        "Times 2,048 tokens, times 16 requests, divided by 10^9.",
    ]
