use clap::Parser;

fn main() {
    let cli = kennisbank::cli::Cli::parse();
    std::process::exit(kennisbank::cli::run(cli));
}
