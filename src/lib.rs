//! paragraf: reviewable YAML to the formal documents of a Swedish nämnd.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`model`] (YAML → Rust) → [`facts`] (what follows: totals, who serves each §, the
//! justeringar) → [`validate`] (the rules, over model and facts) → [`derive`] (each
//! document's view: wording, Swedish typography) → [`render`] (minijinja → Typst source)
//! → [`typeset`] (Typst → PDF, in-process) → [`assemble`] (the handlingar packet from the
//! PDFs of its documents) → [`write`] (files, atomically; [`cache`] says
//! which need typesetting again). [`swedish`] (dates, amounts, § lists), [`error`] and
//! [`characters`] (what may not stand in a file) are the leaves they all use.
//!
//! Over the stages: [`plan`] (the files loaded once, checked, every document derived and
//! named) and, siblings over the plan, the [`output`]s: `pdf` (`build`), `site`
//! (`publish`) and `package` (`archive`). [`web_copy`] is what every public copy leaves
//! out and replaces. Beside them: [`extract`] (the YAML attached to a PDF, back out),
//! [`verify`] (whether a PDF is still what that YAML makes, and only signed after),
//! [`sign`] (a PAdES signature appended, for digital justering), [`textconv`] and [`git`]
//! (reviewing changes), [`watch`]. `docs/glossary.md` gives the Swedish words the code
//! translates.

#![forbid(unsafe_code)]

pub mod assemble;
pub mod cache;
pub mod characters;
pub mod derive;
pub mod error;
pub mod extract;
pub mod facts;
pub mod fonts;
pub mod git;
pub mod handbook;
pub mod model;
pub mod output;
mod parallel;
pub mod plan;
mod recent;
pub mod render;
pub mod sign;
pub mod swedish;
pub mod textconv;
pub mod typeset;
pub mod validate;
pub mod verify;
pub mod watch;
pub mod web_copy;
pub mod write;

pub use error::{Error, Problem, Result};
pub use output::Report;
pub use output::package::signed::SignedCopies;
pub use output::package::{ArchiveFormat, archive, archive_signed};
pub use output::pdf::{Produced, build, produce};
pub use output::site::publish;
pub use plan::{BuildOptions, Inputs, Planned, check, load, plan};
