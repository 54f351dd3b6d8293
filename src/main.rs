use clap::Parser;

/// mimalloc: the build allocates and frees many small strings; see BENCHMARKS.md,
/// "The allocator".
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = kennisbank::cli::expand_field_flags(std::env::args().collect());
    let cli = kennisbank::cli::Cli::parse_from(args);
    std::process::exit(kennisbank::cli::run(cli));
}
