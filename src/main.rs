use clap::Parser;

fn main() {
    let cli = folio::cli::Cli::parse();
    std::process::exit(folio::cli::run(cli));
}
