//! `similar_text`: applications whose texts overlap above the threshold.
//! Candidate pairs come from MinHash banding over character shingles; the
//! exact overlap is verified only on candidates, never all pairs.

use super::p;
use crate::model::*;
use crate::normalise::branch_key;
use crate::problem::{Code, Problem};
use std::collections::HashMap;

/// Character 4-gram shingles, hashed and sorted.
fn shingles(text: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
        .collect();
    let mut out: Vec<u64> = chars
        .windows(4)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
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
            let text = format!(
                "{}{}{}{}",
                a.form.background, a.form.goals, a.form.outcomes, a.form.features
            );
            (
                a.file.as_str(),
                a.form.branch.as_str(),
                a.form.committee.as_str(),
                app_keys[i].as_str(),
                shingles(&text),
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
        let text: String = x
            .form
            .sections
            .iter()
            .flat_map(|s| s.paragraphs.iter().map(String::as_str))
            .collect();
        (
            x.file.as_str(),
            x.form.branch.as_str(),
            x.form.committee.as_str(),
            key.as_str(),
            shingles(&text),
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
/// ordered rarest first. A pair needs an overlap `α = ⌈t/(1+t)·(|x|+|y|)⌉`,
/// so the earlier, smaller `y` need only index its first
/// `|y| − ⌈2t/(1+t)·|y|⌉ + 1` shingles and the later `x` probe its first
/// `|x| − ⌈t·|x|⌉ + 1`; two sets that reach `t` meet there. Since the order is
/// global, a shingle shared at positions `px`, `py` bounds the overlap by what
/// was already shared, plus one, plus `min(|x|−px−1, |y|−py−1)`; a pair
/// whose bound falls short of `α` is dropped. Every bound is rounded so as
/// to keep pairs.
fn candidate_pairs(sets: &[&[u64]], t: f64) -> Vec<(usize, usize)> {
    const PRUNED: u32 = u32::MAX;
    let mut by_size: Vec<usize> = (0..sets.len()).filter(|&i| sets[i].len() >= 50).collect();
    by_size.sort_by_key(|&i| (sets[i].len(), i));
    let mut freq: HashMap<u64, u32> = HashMap::new();
    for &i in &by_size {
        for s in sets[i] {
            *freq.entry(*s).or_default() += 1;
        }
    }
    let prefix = |len: usize, share: f64| {
        let needed = (share * len as f64 - 1e-9).ceil().max(0.0) as usize;
        // One more than the bound, against rounding: a longer prefix only adds candidates.
        (len - needed.min(len) + 2).min(len)
    };
    // shingle → (set, position in its order)
    let mut index: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    let mut overlap: Vec<u32> = vec![0; sets.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for &j in &by_size {
        let set = sets[j];
        let lx = set.len();
        let mut order: Vec<(u32, u64)> = set.iter().map(|s| (freq[s], *s)).collect();
        order.sort_unstable();
        for (px, (_, s)) in order[..prefix(lx, t)].iter().enumerate() {
            let Some(list) = index.get(s) else {
                continue;
            };
            for &(i, py) in list {
                if overlap[i] == PRUNED {
                    continue;
                }
                let ly = sets[i].len();
                // Jaccard is at most |smaller| / |larger|.
                if (ly as f64) < t * lx as f64 - 1e-9 {
                    continue;
                }
                let alpha = (t / (1.0 + t) * (lx + ly) as f64 - 1e-6).ceil().max(0.0) as usize;
                let bound = overlap[i] as usize + 1 + (lx - px - 1).min(ly - py - 1);
                if overlap[i] == 0 {
                    touched.push(i);
                }
                if bound < alpha {
                    overlap[i] = PRUNED;
                } else {
                    overlap[i] += 1;
                }
            }
        }
        for i in touched.drain(..) {
            if overlap[i] != PRUNED {
                pairs.push((i.max(j), i.min(j)));
            }
            overlap[i] = 0;
        }
        for (py, (_, s)) in order[..prefix(lx, 2.0 * t / (1.0 + t))].iter().enumerate() {
            index.entry(*s).or_default().push((j, py));
        }
    }
    pairs.sort_unstable();
    pairs
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
