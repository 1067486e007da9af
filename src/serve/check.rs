//! Reading and checking one uploaded file, at once.

use crate::config::Config;
use crate::model::{Form, FormKind};
use crate::problem::Problem;
use crate::{check, extract, pipeline};
use std::path::Path;

/// What an upload shows beside the file.
pub struct FileCheck {
    /// The form kind, if recognised.
    pub kind: Option<FormKind>,
    pub problems: Vec<Problem>,
}

/// Read one file and apply the rules that need no other file. This is the
/// only place the server reads a file itself; with a pool the parsing runs
/// in an isolated worker process, as in `zhibu run`. Never fails: what goes
/// wrong is a problem.
pub fn read_and_check(
    inbox: &Path,
    path: &Path,
    cfg: &Config,
    pool: Option<&crate::isolate::Pool>,
) -> FileCheck {
    let r = pipeline::read_file_with(inbox, path, cfg, pool);
    let mut problems = r.problems.clone();
    for form in &r.forms {
        match form {
            Form::Application(a) => problems.extend(check::application(a, &r.rel, cfg)),
            Form::Pairing(p) => problems.extend(check::pairing(p, &r.rel, cfg)),
            Form::Case(c) => problems.extend(check::case(c, &r.rel, cfg)),
            // The other forms' rules are cross-file: they come with the full run.
            _ => {}
        }
    }
    problems.sort_by(|a, b| (a.severity, &a.location).cmp(&(b.severity, &b.location)));
    problems.dedup();
    FileCheck {
        kind: extract::kind_of(&r.forms),
        problems,
    }
}
