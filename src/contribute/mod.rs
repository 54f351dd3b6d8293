//! Contributing documents through forms made from the schema: the form model
//! (`model`), what a form submits (`values`) and means (`submission`), writing
//! a new file and rewriting an existing file's changed fields only (`patch`,
//! the one YAML writer), checking it with `check`'s own code (`validate`),
//! and the files the static contribution pages need (`export`). Rendering the
//! forms is the theme's; serving and saving them is `serve`'s.

pub mod catalog;
pub mod continuation;
pub mod controls;
pub mod export;
pub mod model;
pub mod patch;
pub mod submission;
pub mod validate;
pub mod values;

pub use catalog::Catalog;
pub use model::{form, Form};
pub use submission::{changed, submission, Submission};
pub use validate::{validate_new, validate_text, FieldError};
pub use values::FormValues;
