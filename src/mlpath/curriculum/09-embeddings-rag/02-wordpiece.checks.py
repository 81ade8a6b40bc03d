"""Checkpoints for the lesson "WordPiece: the tokens a real model reads" (02-wordpiece.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


# The variants are graded like a learner's file, so each is self-contained.
def wordpiece_no_prefix(word, vocab):
    ids = {piece: i for i, piece in enumerate(vocab)}
    out, start = [], 0
    while start < len(word):
        for end in range(len(word), start, -1):
            if word[start:end] in ids:
                out.append(ids[word[start:end]])
                break
        else:
            return [ids["[UNK]"]]
        start = end
    return out


def wordpiece_shortest_first(word, vocab):
    ids = {piece: i for i, piece in enumerate(vocab)}
    out, start = [], 0
    while start < len(word):
        for end in range(start + 1, len(word) + 1):
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in ids:
                out.append(ids[piece])
                break
        else:
            return [ids["[UNK]"]]
        start = end
    return out


def wordpiece_unk_per_piece(word, vocab):
    ids = {piece: i for i, piece in enumerate(vocab)}
    out, start = [], 0
    while start < len(word):
        for end in range(len(word), start, -1):
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in ids:
                out.append(ids[piece])
                break
        else:
            out.append(ids["[UNK]"])
            end = start + 1
        start = end
    return out


def wordpiece_unk_id_100(word, vocab):
    ids = {piece: i for i, piece in enumerate(vocab)}
    out, start = [], 0
    while start < len(word):
        for end in range(len(word), start, -1):
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in ids:
                out.append(ids[piece])
                break
        else:
            return [100]
        start = end
    return out


def wordpiece_pieces(word, vocab):
    """The lesson's function as it is: the pieces' text, not their ids."""
    pieces, start = [], 0
    while start < len(word):
        for end in range(len(word), start, -1):
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                pieces.append(piece)
                break
        else:
            return ["[UNK]"]
        start = end
    return pieces


def wordpiece_ids_from_1(word, vocab):
    ids = {piece: i + 1 for i, piece in enumerate(vocab)}
    out, start = [], 0
    while start < len(word):
        for end in range(len(word), start, -1):
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in ids:
                out.append(ids[piece])
                break
        else:
            return [ids["[UNK]"]]
        start = end
    return out


def wordpiece_backtracking(word, vocab):
    ids = {piece: i for i, piece in enumerate(vocab)}

    def split(start):
        if start == len(word):
            return []
        for end in range(len(word), start, -1):
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in ids:
                rest = split(end)
                if rest is not None:
                    return [ids[piece], *rest]
        return None

    found = split(0)
    return [ids["[UNK]"]] if found is None else found


_LETTERS = list("abcdeo")


def _vocabulary(rng):
    """A small vocabulary over six letters, in a random order (so ids carry no meaning): most
    single letters as starts and as continuations, one continuation letter missing (so some
    words are [UNK]), and longer pieces with and without ##."""
    missing = str(rng.choice(_LETTERS))
    pieces = set(_LETTERS) | {"##" + c for c in _LETTERS if c != missing}
    while len(pieces) < len(_LETTERS) * 2 + 9:
        piece = "".join(str(c) for c in rng.choice(_LETTERS, size=int(rng.integers(2, 5))))
        pieces.add(piece if rng.random() < 0.5 else "##" + piece)
    vocab = ["[PAD]", "[UNK]", *sorted(pieces)]
    order = rng.permutation(len(vocab))
    return [vocab[i] for i in order], missing


def _case(rng, with_unknown):
    vocab, missing = _vocabulary(rng)
    longer = [p.removeprefix("##") for p in vocab if len(p.removeprefix("##")) > 1 and "[" not in p]
    while True:
        parts = [
            str(rng.choice(longer)) if rng.random() < 0.6 else str(rng.choice(_LETTERS))
            for _ in range(int(rng.integers(2, 5)))
        ]
        word = "".join(parts)
        unknown = missing in word[1:]
        if unknown == with_unknown and len(word) <= 14:
            return word, vocab


_UNAFFABLE_VOCAB = [
    "[PAD]",
    "[UNK]",
    "un",
    "una",
    "##aff",
    "##ffa",
    "##able",
    "##ble",
    "##a",
    "##f",
    "##b",
    "##l",
    "##e",
    "u",
    "##n",
]


@checkpoint("emb.wordpiece.greedy", concepts=["emb.wordpiece"])
class Greedy:
    """Write `wordpiece(word, vocab)`: the token ids of one lower-case `word`, cut by greedy
    longest-match-first. `vocab` is a list of strings whose positions are the ids, as in
    `vocab.txt`; it contains `"[UNK]"`. The first piece is the longest prefix of the word in
    `vocab`; every later piece is the longest piece of what is left, looked up with `##` in
    front. If at some position no piece matches, the whole word is the single id of `"[UNK]"`.
    Return a list of ints: the ids, not the pieces (the lesson's `wordpiece` returned the
    pieces' text; here look each one up in `vocab`).

    Your function is graded on small vocabularies and words it has never seen. For `word =
    "unaffable"` and `vocab = ["[PAD]", "[UNK]", "un", "una", "##aff", "##ffa", "##able",
    "##ble", "##a", "##f", "##b", "##l", "##e", "u", "##n"]` the answer is `[3, 5, 7]`:
    `una`, `##ffa`, `##ble`.
    """

    function = "wordpiece"
    starter = "def wordpiece(word, vocab):\n    ...\n"

    def reference(word, vocab):
        position = {piece: i for i, piece in enumerate(vocab)}
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = ("##" if start > 0 else "") + word[start:end]
                if piece in position:
                    break
                end -= 1
            if end == start:
                return [position["[UNK]"]]
            out.append(position[piece])
            start = end
        return out

    def cases(rng):
        return [
            _case(rng, with_unknown=False),
            _case(rng, with_unknown=False),
            _case(rng, with_unknown=True),
            _case(rng, with_unknown=False),
            _case(rng, with_unknown=False),  # hidden
            _case(rng, with_unknown=True),  # hidden
        ]

    edge_cases = [
        ("unaffable", _UNAFFABLE_VOCAB),
        ("unaffablez", _UNAFFABLE_VOCAB),  # no piece holds z: the whole word is [UNK]
        # Greedy takes una, then nothing matches "ble": [UNK], though un + ##able would fit.
        ("unable", ["[PAD]", "[UNK]", "un", "una", "##able"]),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "pieces-not-ids",
            wordpiece_pieces,
            "returned the pieces' text, as the lesson's function does, not their ids",
            "The model reads ids, and this checkpoint asks for them: look each piece up in "
            "vocab, where its position is its id. Build {piece: i for i, piece in "
            "enumerate(vocab)} once, then return [ids[p] for p in pieces].",
            revisit="emb.wordpiece#from-text-to-ids",
        ),
        Misconception(
            "ids-from-1",
            wordpiece_ids_from_1,
            "counted the ids from 1, like an editor's line numbers",
            "An id is a position in the list, counted from 0: vocab[0] has id 0 (in MiniLM's "
            "vocab.txt, [PAD] on the first line is id 0). Use enumerate(vocab) or "
            "vocab.index(piece) without adding 1.",
            revisit="emb.wordpiece#from-text-to-ids",
        ),
        Misconception(
            "no-prefix",
            wordpiece_no_prefix,
            "looked up the pieces after the first without the ## prefix",
            "Only the first piece of a word is looked up as it is. A piece that continues a word "
            "is stored as ##piece, a different entry with its own id: look up "
            '"##" + word[start:end] whenever start > 0.',
            revisit="emb.wordpiece#greedy-longest-match-first",
        ),
        Misconception(
            "shortest-first",
            wordpiece_shortest_first,
            "took the shortest matching piece instead of the longest",
            "WordPiece tries the longest piece first: let end run down from len(word) to "
            "start + 1, and take the first piece found.",
            revisit="emb.wordpiece#greedy-longest-match-first",
        ),
        Misconception(
            "unk-per-piece",
            wordpiece_unk_per_piece,
            "wrote [UNK] for the one character that matched nothing and went on",
            "When no piece matches at some position, the whole word becomes one [UNK], and the "
            "pieces found so far are dropped: return [id of '[UNK]'] at once.",
            revisit="emb.wordpiece#greedy-longest-match-first",
        ),
        Misconception(
            "backtracked",
            wordpiece_backtracking,
            "went back to try a shorter piece when the rest of the word did not match",
            "WordPiece is greedy: it takes the longest piece and never goes back. If what is "
            "left cannot be matched, the whole word is [UNK], even when a shorter first piece "
            "would have worked (un + ##able for 'unable', where greedy takes una).",
            revisit="emb.wordpiece#greedy-longest-match-first",
        ),
        Misconception(
            "unk-id-100",
            wordpiece_unk_id_100,
            "returned 100, MiniLM's id for [UNK], instead of its id in this vocabulary",
            "Ids are positions in the vocabulary you are given. [UNK] is 100 in MiniLM's "
            "vocab.txt, but here it is wherever vocab holds it: vocab.index('[UNK]').",
            revisit="emb.wordpiece#from-text-to-ids",
        ),
    ]
    hints = [
        "Make a dictionary from piece to id: {piece: i for i, piece in enumerate(vocab)}.",
        "Keep a start position. For end from len(word) down to start + 1, look up word[start:end] "
        "(with '##' in front when start > 0); on the first hit, append its id and set "
        "start = end. If nothing hits, return [the id of '[UNK]'].",
    ]


_WORDS = 300


def _first_words():
    from mlpath.toolkit.text import load_course_text

    return " ".join(load_course_text().split()[:_WORDS])


def _count(special_tokens):
    """The number of tokens of the text, uncut, with or without [CLS] and [SEP]."""
    from mlpath.toolkit.minilm import load_tokenizer

    tokenizer = load_tokenizer()
    tokenizer.no_truncation()
    return len(tokenizer.encode(_first_words(), add_special_tokens=special_tokens).ids)


# Numeric checkpoints' variants run with the checks file, so they may use its helpers.
def lost_words_as_tokens():
    return _WORDS - 256


def lost_specials_take_no_room():
    return _count(special_tokens=False) - 256


def lost_specials_counted_as_lost():
    return _count(special_tokens=True) - 254


def lost_nothing():
    return 0


@checkpoint("emb.wordpiece.truncated", concepts=["emb.wordpiece"], kind="numeric")
class Truncated:
    """Take the first 300 words of the course text,
    `" ".join(load_course_text().split()[:300])`. MiniLM's tokenizer keeps 256 tokens of it,
    `[CLS]` and `[SEP]` included. How many of the text's word pieces never reach the model?
    Set `answer` to that number.
    """

    decimals = 0
    timeout = 15

    def solve():
        return _count(special_tokens=True) - 256

    misconceptions = [
        Misconception(
            "words-as-tokens",
            lost_words_as_tokens,
            "counted words as tokens: 300 words minus 256",
            "The limit is 256 tokens, not words, and a word is often several pieces. Count with "
            "the tokenizer, the cut switched off (tok.no_truncation()), then subtract what is "
            "kept.",
            revisit="emb.wordpiece#when-a-256-word-chunk-is-not-256-tokens",
        ),
        Misconception(
            "specials-take-no-room",
            lost_specials_take_no_room,
            "forgot that [CLS] and [SEP] use two of the 256 places",
            "The 256 tokens kept include [CLS] and [SEP], so only 254 word pieces of the text "
            "are kept. Count the text's pieces (without the special tokens) and subtract 254.",
            revisit="emb.wordpiece#truncation-at-256-tokens",
        ),
        Misconception(
            "specials-counted-as-lost",
            lost_specials_counted_as_lost,
            "subtracted 254 from a count that includes [CLS] and [SEP]",
            "Your count includes [CLS] and [SEP], and subtracting 254 counts those two as lost, "
            "but both are kept. Subtract 256 from the count with them, or 254 from the count "
            "without them (add_special_tokens=False).",
            revisit="emb.wordpiece#truncation-at-256-tokens",
        ),
        Misconception(
            "nothing-lost",
            lost_nothing,
            "assumed the model reads the whole text",
            "The tokenizer cuts every text at 256 tokens, silently: no error, no warning. Count "
            "the tokens without the cut and compare.",
            revisit="emb.wordpiece#truncation-at-256-tokens",
        ),
    ]
    hints = [
        "Count the tokens with the cut switched off: t = load_tokenizer(); t.no_truncation(); "
        "len(t.encode(text).ids) includes [CLS] and [SEP].",
        "Of those, 256 are kept, [CLS] and [SEP] among them.",
    ]


_LENGTHS = (5, 12, 7)


def zeros_padded_to_256():
    return sum(256 - n for n in _LENGTHS)


def zeros_counted_ones():
    return sum(_LENGTHS)


def zeros_specials_masked():
    return sum(max(_LENGTHS) - n for n in _LENGTHS) + 2 * len(_LENGTHS)


@checkpoint("emb.wordpiece.padding", concepts=["emb.wordpiece"], kind="numeric")
class Padding:
    """MiniLM's tokenizer encodes a batch of three texts whose encodings have 5, 12 and 7 tokens,
    `[CLS]` and `[SEP]` included. How many entries of the batch's attention mask are 0? Set
    `answer` to that number.
    """

    decimals = 0

    def solve():
        mask = np.zeros((len(_LENGTHS), max(_LENGTHS)), dtype=int)
        for row, n in enumerate(_LENGTHS):
            mask[row, :n] = 1
        return int(np.sum(mask == 0))

    misconceptions = [
        Misconception(
            "padded-to-256",
            zeros_padded_to_256,
            "padded every text to 256 tokens",
            "256 is the most the model reads, not the batch width: the tokenizer pads each "
            "text to the longest text in the batch, here 12 tokens.",
            revisit="emb.wordpiece#special-tokens-padding-and-the-attention-mask",
        ),
        Misconception(
            "counted-ones",
            zeros_counted_ones,
            "counted the real tokens (the 1s) instead of the padding (the 0s)",
            "The mask is 1 for every real token, [CLS] and [SEP] included, and 0 for padding. "
            "The 0s are the [PAD]s that fill each text up to the longest one.",
            revisit="emb.wordpiece#special-tokens-padding-and-the-attention-mask",
        ),
        Misconception(
            "specials-masked",
            zeros_specials_masked,
            "gave [CLS] and [SEP] a 0 in the mask",
            "[CLS] and [SEP] are real tokens that the model reads: their mask entries are 1. "
            "Only [PAD] gets a 0.",
            revisit="emb.wordpiece#special-tokens-padding-and-the-attention-mask",
        ),
    ]
    hints = [
        "How wide is the batch? Every row is padded up to the longest text.",
        "Each row has one 0 for every [PAD] it received.",
    ]
