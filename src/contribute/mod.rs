//! Contributing without a terminal: editing documents from forms built from the schema.
pub mod patch;
