//! `folio convert`: one transcription written in folio's own TOML or JSON.

use super::print::Printer;
use super::{print_stdout, ConvertArgs};
use crate::diag::Error;
use crate::files::{refuse_overwriting, write_atomically};
use crate::read;

/// Reads the input (a TEI file with its collection's mapping, or any transcription) and
/// writes it as `--to` says, to `-o` or standard output.
pub fn run(args: &ConvertArgs, printer: &Printer) -> Result<(), Error> {
    let target = crate::convert::Target::from_name(&args.to).ok_or_else(|| {
        Error::Usage(format!(
            "unknown format `{}` in --to; expected toml or json",
            args.to
        ))
    })?;
    let read = match &args.tei_mapping {
        Some(m) => {
            if read::Syntax::of(&args.input) != Some(read::Syntax::Tei) {
                return Err(Error::Usage(
                    "--tei-mapping applies to a TEI (.xml) input".into(),
                ));
            }
            let mapping = crate::tei::mapping::Mapping::load(m)?;
            let name = args.input.display().to_string();
            let bytes = read::read_bounded(&args.input, &name)?;
            let text = read::utf8(bytes, &name)?;
            read::read_tei(&text, &name, &mapping)?
        }
        None => read::read_file(&args.input)?,
    };
    printer.all(&read.warnings);
    let text = crate::convert::write(&read.document, target)?;
    match &args.output {
        None => print_stdout(text.as_bytes()),
        Some(p) if p.as_os_str() == "-" => print_stdout(text.as_bytes()),
        Some(p) => {
            refuse_overwriting(p, &args.input)?;
            write_atomically(p, text.as_bytes())
        }
    }
}
