//! What extraction made of a file, in a form bytes can carry: to a reading
//! worker's parent (see [`crate::isolate`]) and into the content cache.
//!
//! The forms' serde leaves out what the report does not show
//! (`#[serde(skip)]`: where each field was found, 申请经费 as written); a
//! [`Side`] beside each form carries those, so the forms come back whole.

use super::Extracted;
use crate::model::{Form, Locations};
use crate::problem::Problem;
use serde::{Deserialize, Serialize};

/// An [`Extracted`], whole, for bincode.
#[derive(Serialize, Deserialize)]
pub struct Portable {
    forms: Vec<Form>,
    sides: Vec<Side>,
    problems: Vec<Problem>,
}

impl Portable {
    pub fn new(ex: Extracted) -> Portable {
        Portable {
            sides: ex.forms.iter().map(Side::of).collect(),
            forms: ex.forms,
            problems: ex.problems,
        }
    }

    /// [`Portable::new`] without taking `ex`: the same bytes, for writing.
    pub fn of(ex: &Extracted) -> PortableRef<'_> {
        PortableRef {
            forms: &ex.forms,
            sides: ex.forms.iter().map(Side::of).collect(),
            problems: &ex.problems,
        }
    }

    /// The extraction back; `None` when the parts do not fit together (a
    /// side per form, every field name one zhibu knows).
    pub fn restore(self) -> Option<Extracted> {
        let mut forms = self.forms;
        if self.sides.len() != forms.len() {
            return None;
        }
        for (form, side) in forms.iter_mut().zip(self.sides) {
            side.restore(form)?;
        }
        Some(Extracted {
            forms,
            problems: self.problems,
        })
    }
}

/// A [`Portable`] that borrows the forms and problems it writes.
#[derive(Serialize)]
pub struct PortableRef<'a> {
    forms: &'a [Form],
    sides: Vec<Side>,
    problems: &'a [Problem],
}

/// The skipped fields of one form: where each field was found, and
/// 申请经费 as written.
#[derive(Serialize, Deserialize, Default)]
struct Side {
    locs: Vec<(String, String)>,
    requested_raw: String,
}

impl Side {
    fn of(form: &Form) -> Side {
        let locs = |l: &Locations| l.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        match form {
            Form::Application(a) => Side {
                locs: locs(&a.locs),
                requested_raw: a.requested_raw.clone(),
            },
            Form::Pairing(p) => Side {
                locs: locs(&p.locs),
                ..Side::default()
            },
            Form::ClosingReport(r) => Side {
                locs: locs(&r.locs),
                ..Side::default()
            },
            _ => Side::default(),
        }
    }

    /// Put the fields back; `None` when a field name is not one zhibu knows.
    fn restore(self, form: &mut Form) -> Option<()> {
        let mut locs = Locations::new();
        for (k, v) in self.locs {
            locs.insert(crate::model::intern(&k)?, v);
        }
        match form {
            Form::Application(a) => {
                a.locs = locs;
                a.requested_raw = self.requested_raw;
            }
            Form::Pairing(p) => p.locs = locs,
            Form::ClosingReport(r) => r.locs = locs,
            _ => {}
        }
        Some(())
    }
}
