"""Builds the small fastText models and expected predictions that FastTextLossesTest checks.

Needs Debian's fastText 0.9.2 (`apt-get install fasttext python3-fasttext`, and Debian's own python3, which
is the one that binding is installed for). Run it in an empty scratch folder, then copy tiny-softmax.ftz,
tiny-ova.bin, tiny-ns.bin and tiny_expected.jsonl into this folder. Training text is synthetic: pseudo-words
drawn from per-label syllable sets (some with multi-byte letters), so the models contain no third-party
text. The expected predictions are made from the very model files written here: always replace the models
and tiny_expected.jsonl together.
"""
import json
import random
import subprocess

import fasttext

SYLLABLES = {
    "aa": ["ka", "to", "ri", "mu", "se", "na"],
    "bb": ["ön", "ül", "äk", "sch", "ber", "gä"],
    "cc": ["ло", "ка", "ни", "ра", "ст", "ов"],
    "dd": ["の", "か", "テ", "ス", "日", "本"],
    "ee": ["qu", "ix", "zo", "wy", "ja", "ée"],
}


def word(rnd, syl):
    return "".join(rnd.choice(syl) for _ in range(rnd.randint(1, 4)))


def sentence(rnd, label, n):
    own = SYLLABLES[label]
    other = SYLLABLES[rnd.choice(sorted(SYLLABLES))]
    return " ".join(word(rnd, own if rnd.random() < 0.8 else other) for _ in range(n))


rnd = random.Random(20240917)
with open("train.txt", "w", encoding="utf-8") as f:
    for i in range(3000):
        label = rnd.choice(sorted(SYLLABLES))
        f.write(f"__label__{label} {sentence(rnd, label, rnd.randint(3, 15))}\n")

run = lambda *a: subprocess.run(["fasttext", *a], check=True, capture_output=True)
common = ["-input", "train.txt", "-epoch", "5", "-thread", "1", "-minCount", "3", "-bucket", "2000",
          "-minn", "1", "-maxn", "3"]
# Softmax, quantized with norms, norms quantized, last subquantizer narrower (dim 8, dsub 3); output stays dense (fastText needs at least 256 rows to quantize it).
run("supervised", *common, "-output", "tiny-softmax", "-loss", "softmax", "-dim", "8")
run("quantize", "-input", "train.txt", "-output", "tiny-softmax", "-qnorm", "-cutoff", "400",
    "-retrain", "-dsub", "3")
# One-vs-all, dense (.bin), with word bigrams: the sigmoid table and the word n-gram hashing.
run("supervised", *common, "-output", "tiny-ova", "-loss", "ova", "-dim", "4", "-wordNgrams", "2")
# Negative sampling, dense.
run("supervised", *common, "-output", "tiny-ns", "-loss", "ns", "-dim", "4", "-neg", "3")

texts = [""] + [sentence(rnd, rnd.choice(sorted(SYLLABLES)), rnd.randint(1, 20)) for _ in range(60)]
texts += ["plain ascii words", "Zürich ist schön", "日本語のテキスト", "__label__aa ka to", "ka\tto\rri"]
with open("tiny_expected.jsonl", "w", encoding="utf-8") as out:
    for name in ["tiny-softmax.ftz", "tiny-ova.bin", "tiny-ns.bin"]:
        m = fasttext.load_model(name)
        for t in texts:
            labels, probs = m.predict(t, k=-1)
            out.write(json.dumps({"model": name, "text": t, "k": -1,
                                  "labels": list(labels), "probs": [float(p) for p in probs]},
                                 ensure_ascii=False) + "\n")
