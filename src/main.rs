use clap::Parser;

fn main() {
    let args = kennisbank::cli::expand_field_flags(std::env::args().collect());
    let cli = kennisbank::cli::Cli::parse_from(args);
    std::process::exit(kennisbank::cli::run(cli));
}
