//! The integration-test binary: one module per feature, one small fixture site
//! per case, the real binary run against it.

mod harness;

mod build;
mod bundled;
mod compare;
mod diagnostics;
mod links;
mod output;
mod scaffold;
mod serve;
