//! `similar_text`: applications whose texts overlap above the threshold.
//! Candidate pairs come from prefix filtering over character shingles; the
//! exact overlap is verified only on candidates, never all pairs.

use super::p;
use crate::model::*;
use crate::normalise::branch_key;
use crate::problem::{Code, Problem};

/// Character 4-gram shingles, hashed and sorted. The four chars (21 bits
/// each) are packed into one integer and hashed with a fixed seed, so the
/// values are the same on every run and machine.
/// The text is `parts` run together (a shingle may span two parts).
fn shingles<'a>(parts: impl Iterator<Item = &'a str> + Clone) -> Vec<u64> {
    use std::hash::BuildHasher;
    let hasher = foldhash::fast::FixedState::with_seed(0x5a48_4942_5553_494d);
    let mut window: u128 = 0;
    let mut seen = 0usize;
    let len: usize = parts.clone().map(str::len).sum();
    let mut out: Vec<u64> = Vec::with_capacity(len / 3);
    for c in parts
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
    {
        window = ((window << 21) | c as u128) & ((1u128 << 84) - 1);
        seen += 1;
        if seen >= 4 {
            out.push(hasher.hash_one(window));
        }
    }
    sort_hashes(&mut out);
    out.dedup();
    out
}

/// Sort uniform hashes: a counting pass by their top bits (about one value
/// per bucket), then an insertion pass that only orders values within a
/// bucket. Linear where a comparison sort is not; it was three quarters of
/// the shingling. Values that crowd a bucket (never from a good hash) get
/// the comparison sort.
fn sort_hashes(v: &mut Vec<u64>) {
    /// Most values a bucket may hold before the insertion pass could cost more.
    const CROWDED: u32 = 64;
    let n = v.len();
    if n < 256 {
        v.sort_unstable();
        return;
    }
    let bits = usize::BITS - (n - 1).leading_zeros();
    let bucket = |x: u64| (x >> (64 - bits)) as usize;
    let mut start = vec![0u32; (1 << bits) + 1];
    for &x in v.iter() {
        start[bucket(x) + 1] += 1;
    }
    if start.iter().any(|&c| c > CROWDED) {
        v.sort_unstable();
        return;
    }
    for k in 1..start.len() {
        start[k] += start[k - 1];
    }
    let mut out = vec![0u64; n];
    for &x in v.iter() {
        let at = &mut start[bucket(x)];
        out[*at as usize] = x;
        *at += 1;
    }
    for i in 1..n {
        let x = out[i];
        let mut j = i;
        while j > 0 && out[j - 1] > x {
            out[j] = out[j - 1];
            j -= 1;
        }
        out[j] = x;
    }
    *v = out;
}

/// Two applications (or cases) from different branches sharing most of their text.
///
/// No all-pairs loop: an exact prefix filter (Bayardo et al., “Scaling up
/// all pairs similarity search”). With the shingles of every text ordered
/// rarest first, two sets whose Jaccard similarity reaches `t` share at least
/// one shingle among the first `|x| − ⌈t·|x|⌉ + 1` of each; so only texts
/// that meet in the inverted index of those prefixes are compared, and the
/// exact Jaccard decides. The result is the all-pairs result, in its order.
pub(super) fn similar_texts(c: &Campaign, active: &[usize], app_keys: &[String]) -> Vec<Problem> {
    use rayon::prelude::*;
    const THRESHOLD: f64 = 0.6;
    // (file, branch, committee, branch key, shingles)
    type Doc<'a> = (&'a str, &'a str, &'a str, &'a str, Vec<u64>);
    let mut docs: Vec<Doc> = active
        .par_iter()
        .map(|&i| {
            let a = &c.applications[i];
            let f = &a.form;
            let text = [&f.background, &f.goals, &f.outcomes, &f.features];
            (
                a.file.as_str(),
                a.form.branch.as_str(),
                a.form.committee.as_str(),
                app_keys[i].as_str(),
                shingles(text.into_iter().map(String::as_str)),
            )
        })
        .collect();
    let case_keys: Vec<(usize, String)> = c
        .cases
        .iter()
        .enumerate()
        .filter(|(_, x)| x.superseded_by.is_none())
        .map(|(i, x)| (i, branch_key(&x.form.branch)))
        .collect();
    docs.par_extend(case_keys.par_iter().map(|(i, key)| {
        let x = &c.cases[*i];
        let text = x
            .form
            .sections
            .iter()
            .flat_map(|s| s.paragraphs.iter().map(String::as_str));
        (
            x.file.as_str(),
            x.form.branch.as_str(),
            x.form.committee.as_str(),
            key.as_str(),
            shingles(text),
        )
    }));
    let pairs = candidate_pairs(
        &docs.iter().map(|d| d.4.as_slice()).collect::<Vec<_>>(),
        THRESHOLD,
    );
    let hits: Vec<(usize, usize, f64)> = pairs
        .into_par_iter()
        .filter_map(|(j, i)| {
            let (a, b) = (&docs[i], &docs[j]);
            if a.3 == b.3 {
                return None;
            }
            jaccard_at_least(&a.4, &b.4, THRESHOLD).map(|sim| (i, j, sim))
        })
        .collect();
    hits.into_iter()
        .map(|(i, j, sim)| {
            let (a, b) = (&docs[i], &docs[j]);
            p(
                Code::SimilarText,
                b.0,
                "正文",
                format!(
                    "与“{}”的文字重合度 {:.0}%，请核实是否雷同",
                    a.0,
                    sim * 100.0
                ),
            )
            .about(b.1, b.2)
        })
        .collect()
}

/// The pairs `(j, i)`, `i < j`, of sets with at least 50 shingles each that
/// may reach Jaccard similarity `t`, sorted: a superset of the pairs that do.
///
/// PPJoin (Xiao et al. 2008). Sets are taken smallest first, their shingles
/// ordered rarest first (to a factor of two). A pair needs an overlap
/// `α = ⌈t/(1+t)·(|x|+|y|)⌉`, so the earlier, smaller `y` need only index its first
/// `|y| − ⌈2t/(1+t)·|y|⌉ + 1` shingles and the later `x` probe its first
/// `|x| − ⌈t·|x|⌉ + 1`; two sets that reach `t` meet there. Since the order is
/// global, a shingle shared at positions `px`, `py` bounds the overlap by what
/// was already shared, plus one, plus `min(|x|−px−1, |y|−py−1)`; a pair
/// whose bound falls short of `α` is dropped. Every bound is rounded so as
/// to keep pairs.
///
/// A pair that survives the prefix is then checked against its bitmaps
/// (see [`Bitmap`]) before it is kept.
fn candidate_pairs(sets: &[&[u64]], t: f64) -> Vec<(usize, usize)> {
    use rayon::prelude::*;
    const PRUNED: u32 = u32::MAX;
    let mut by_size: Vec<usize> = (0..sets.len()).filter(|&i| sets[i].len() >= 50).collect();
    by_size.sort_by_key(|&i| (sets[i].len(), i));
    let bitmaps: Vec<Bitmap> = sets.par_iter().map(|s| Bitmap::of(s)).collect();
    let bits = sketch_bits(by_size.iter().map(|&i| sets[i].len()).sum());
    let slot = |s: u64| (s >> (64 - bits)) as usize;
    // The global order: shingles by rarity class, the bit length of how
    // many sets hold them (1, 2–3, 4–7, …), rarest first, ties by value.
    // The counts come from a sketch (a counter per top bits of the shingle,
    // summed over colliding shingles): still one fixed order for every set,
    // which is all the filters need, at the price of an array instead of a
    // map.
    let mut count = vec![0u32; 1 << bits];
    for &i in &by_size {
        for s in sets[i] {
            let c = &mut count[slot(*s)];
            *c = c.saturating_add(1);
        }
    }
    let class = |s: u64| (u32::BITS - count[slot(s)].leading_zeros()) as u8;
    let prefix = |len: usize, share: f64| {
        let needed = (share * len as f64 - 1e-9).ceil().max(0.0) as usize;
        // One more than the bound, against rounding: a longer prefix only adds candidates.
        (len - needed.min(len) + 2).min(len)
    };
    // Each set's probing prefix (the longer of the two), in that order. A
    // set is sorted by value, so its order is a counting sort by class,
    // which keeps the values in order within a class: no comparison sort.
    let orders: Vec<Vec<u64>> = by_size
        .par_iter()
        .map_init(Vec::new, |classes: &mut Vec<u8>, &j| {
            let set = sets[j];
            let keep = prefix(set.len(), t).max(prefix(set.len(), 2.0 * t / (1.0 + t)));
            classes.clear();
            classes.extend(set.iter().map(|s| class(*s)));
            // Where each class starts in the order: counts, summed.
            let mut start = [0usize; u32::BITS as usize + 2];
            for c in classes.iter() {
                start[*c as usize + 1] += 1;
            }
            for k in 1..start.len() {
                start[k] += start[k - 1];
            }
            let mut order = vec![0u64; keep];
            for (s, c) in set.iter().zip(classes.iter()) {
                let at = &mut start[*c as usize];
                if let Some(o) = order.get_mut(*at) {
                    *o = *s;
                }
                *at += 1;
            }
            order
        })
        .collect();
    drop(count);
    // The inverted index of the prefixes, flat: a bucket per sketch slot
    // (counting sort), each entry (shingle, rank of the set in `by_size`,
    // position in its order), by set within a bucket. No map, no list per
    // shingle: a lookup walks its slot's bucket and skips other shingles.
    let index_len = |r: usize| prefix(sets[by_size[r]].len(), 2.0 * t / (1.0 + t));
    // Counts per slot, summed up to each bucket's end, then filled from the
    // back (last set first), which leaves each slot's start behind and the
    // entries of a bucket in set order. A shingle is kept as its low 32 bits
    // (its slot holds the top bits): a rare false match only adds a
    // candidate, which the exact check drops.
    let mut start = vec![0u32; (1 << bits) + 1];
    for (r, order) in orders.iter().enumerate() {
        for s in &order[..index_len(r)] {
            start[slot(*s)] += 1;
        }
    }
    for k in 1..start.len() {
        start[k] += start[k - 1];
    }
    let mut entries = vec![(0u32, 0u32, 0u32); start[start.len() - 1] as usize];
    for (r, order) in orders.iter().enumerate().rev() {
        for (py, s) in order[..index_len(r)].iter().enumerate().rev() {
            let at = &mut start[slot(*s)];
            *at -= 1;
            entries[*at as usize] = (*s as u32, r as u32, py as u32);
        }
    }
    // Each set probes the prefixes of the smaller sets before it (those
    // ranked lower), as if the index were built while probing.
    let mut pairs: Vec<(usize, usize)> = (0..by_size.len())
        .into_par_iter()
        .map_init(
            || (vec![0u32; by_size.len()], Vec::new()),
            |(overlap, touched), r| {
                let j = by_size[r];
                let lx = sets[j].len();
                for (px, s) in orders[r][..prefix(lx, t)].iter().enumerate() {
                    let k = slot(*s);
                    let list = &entries[start[k] as usize..start[k + 1] as usize];
                    let before = list.partition_point(|&(_, q, _)| (q as usize) < r);
                    for &(_, q, py) in list[..before].iter().filter(|e| e.0 == *s as u32) {
                        let (q, py) = (q as usize, py as usize);
                        if overlap[q] == PRUNED {
                            continue;
                        }
                        let ly = sets[by_size[q]].len();
                        // Jaccard is at most |smaller| / |larger|.
                        if (ly as f64) < t * lx as f64 - 1e-9 {
                            continue;
                        }
                        let alpha =
                            (t / (1.0 + t) * (lx + ly) as f64 - 1e-6).ceil().max(0.0) as usize;
                        let bound = overlap[q] as usize + 1 + (lx - px - 1).min(ly - py - 1);
                        if overlap[q] == 0 {
                            touched.push(q);
                        }
                        if bound < alpha {
                            overlap[q] = PRUNED;
                        } else {
                            overlap[q] += 1;
                        }
                    }
                }
                let mut found = Vec::new();
                for q in touched.drain(..) {
                    if overlap[q] != PRUNED {
                        let i = by_size[q];
                        let ly = sets[i].len();
                        let alpha =
                            (t / (1.0 + t) * (lx + ly) as f64 - 1e-6).ceil().max(0.0) as usize;
                        if bitmaps[j].overlap_bound(&bitmaps[i], lx, ly) >= alpha {
                            found.push((i.max(j), i.min(j)));
                        }
                    }
                    overlap[q] = 0;
                }
                found
            },
        )
        .flatten()
        .collect();
    pairs.sort_unstable();
    pairs
}

/// How many top bits of a shingle pick its counter in the frequency sketch
/// and its bucket in the index of [`candidate_pairs`] (shingles are uniform
/// hashes): about four shingles per counter, so that the arrays stay in the
/// cache (1 MB each at 1,000 applications) while buckets stay short.
fn sketch_bits(shingles: usize) -> u32 {
    (shingles / 4)
        .max(1)
        .next_power_of_two()
        .trailing_zeros()
        .clamp(10, 24)
}

/// A set of shingles folded onto 4,096 bits (“bitmap filter”, Sandes et
/// al. 2020). A bit set in one bitmap and not in the other stands for at
/// least one shingle of that set the other lacks, a different one per bit,
/// so `|x Δ y| ≥ popcount(bx ⊕ by)` and
/// `|x ∩ y| ≤ (|x| + |y| − popcount(bx ⊕ by)) / 2`: an exact bound, costing
/// 64 word operations instead of a merge of two sets.
struct Bitmap([u64; 64]);

impl Bitmap {
    fn of(set: &[u64]) -> Bitmap {
        let mut b = [0u64; 64];
        for s in set {
            let bit = (*s >> 52) as usize;
            b[bit / 64] |= 1 << (bit % 64);
        }
        Bitmap(b)
    }

    /// The most shingles sets of sizes `lx` and `ly` with these bitmaps can share.
    fn overlap_bound(&self, other: &Bitmap, lx: usize, ly: usize) -> usize {
        let differ: usize = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a ^ b).count_ones() as usize)
            .sum();
        (lx + ly).saturating_sub(differ) / 2
    }
}

/// The Jaccard similarity of two sorted sets when it can reach `t`; `None`
/// as soon as the sets cannot share enough.
fn jaccard_at_least(a: &[u64], b: &[u64], t: f64) -> Option<f64> {
    let alpha = (t / (1.0 + t) * (a.len() + b.len()) as f64 - 1e-6)
        .ceil()
        .max(0.0) as usize;
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        if common + (a.len() - i).min(b.len() - j) < alpha {
            return None;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    // The loop above counted the whole overlap: no second pass over the sets.
    let union = a.len() + b.len() - common;
    let sim = if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    };
    (sim >= t).then_some(sim)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same order as a comparison sort: uniform values, values that
    /// crowd one bucket, short and repeated ones.
    #[test]
    fn hashes_sort_as_a_comparison_sort_would() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let uniform: Vec<u64> = (0..5000).map(|_| next()).collect();
        let crowded: Vec<u64> = (0..3000).map(|_| next() >> 20).collect();
        let repeated: Vec<u64> = (0..1000).map(|i| uniform[i % 300]).collect();
        let short: Vec<u64> = uniform[..100].to_vec();
        for case in [uniform, crowded, repeated, short, Vec::new()] {
            let mut expected = case.clone();
            expected.sort_unstable();
            let mut got = case;
            sort_hashes(&mut got);
            assert_eq!(got, expected);
        }
    }
}
