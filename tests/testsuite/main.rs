//! The integration-test binary: one module per feature, one small fixture site
//! per case, the real binary run against it.

mod harness;
mod house_style;
mod sitecheck;

mod build;
mod built_site;
mod bundled;
mod check_format;
mod compare;
mod contribute;
mod deploy;
mod diagnostics;
mod differential;
mod downloads;
mod e2e;
mod edit;
mod editor_leftovers;
mod fidelity;
mod home;
mod injection;
mod interrupted;
mod layers;
mod links;
mod lists;
mod mentions;
mod output;
mod properties;
mod readme;
mod scaffold;
mod search;
mod search_index;
mod search_passages;
mod search_quality;
mod search_ranking;
mod search_waves;
mod serve;
mod serve_http;
mod short_links;
mod sources;
mod streaming;
mod validation;
