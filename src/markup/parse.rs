//! The markup parser: Djot's events (jotdown) into folio's inlines, with the errors a
//! transcriber can act on.

use super::*;
use crate::diag::suggest::did_you_mean;
use crate::limits::MAX_NESTING;
use jotdown::{AttributeKind, Container, Event};

/// A character put before the text so that Djot's block syntax ("1. ", "# ", "> ", "- ")
/// at the start of a transcribed line is read as text, not as a list or a heading.
const SHIELD: char = '\u{E000}';

/// What an open container becomes when it closes.
enum Frame {
    Underline,
    Spaced,
    Deleted,
    Inserted,
    Supplied,
    Superscript,
    Subscript,
    /// A `[...]{...}` span, or any container whose meaning comes from its attributes only.
    Span,
}

struct Open {
    frame: Frame,
    classes: Vec<String>,
    hand: Option<String>,
    place: Option<InsertPlace>,
    /// A `place` attribute that is no insertion's place: a place of the register.
    place_key: Option<String>,
    /// The `person` attribute: a person of the register.
    person: Option<String>,
    key: Option<String>,
    lang: Option<String>,
    content: Vec<Inline>,
    /// Source offset where the container starts, for error snippets.
    start: usize,
    /// A fault in its attributes, reported when the container closes and its whole source
    /// is known.
    error: Option<Fault>,
}

/// A fault found in a container's attributes.
struct Fault {
    code: Code,
    message: String,
    hint: String,
    /// The attribute's text, to point at it rather than at the whole container.
    needle: String,
}

/// Parses one paragraph of inline markup.
pub fn parse(source: &str) -> Result<Vec<Inline>, MarkupError> {
    let shielded = format!("{SHIELD}{source}");
    let shift = SHIELD.len_utf8();
    let unshift = |range: &std::ops::Range<usize>| {
        range.start.saturating_sub(shift)..range.end.saturating_sub(shift)
    };
    let err = |code: Code, message: String, range: &std::ops::Range<usize>| {
        MarkupError::new(code, message, source, unshift(range))
    };

    let mut stack: Vec<Open> = vec![];
    let mut root: Vec<Inline> = vec![];
    let mut paragraphs = 0;
    let mut after_escape = false;
    for (event, range) in jotdown::Parser::new(&shielded).into_offset_iter() {
        let escaped = std::mem::replace(&mut after_escape, matches!(event, Event::Escape));
        let after_escape = escaped;
        let literal = || shielded[range.clone()].to_string();
        let target = |stack: &mut Vec<Open>, root: &mut Vec<Inline>, inline: Inline| match stack
            .last_mut()
        {
            Some(open) => push_inline(&mut open.content, inline),
            None => push_inline(root, inline),
        };
        match event {
            Event::Start(Container::Paragraph, _) => {
                paragraphs += 1;
                if paragraphs > 1 {
                    return Err(err(
                        Code::BlankLine,
                        "a blank line is not allowed inside this text; use a `text` block for several paragraphs".into(),
                        &range,
                    ));
                }
            }
            Event::End(Container::Paragraph) => {}
            Event::Start(container, attrs) => {
                if stack.len() >= MAX_NESTING {
                    return Err(err(
                        Code::LimitExceeded,
                        format!("marks are nested more than {MAX_NESTING} deep"),
                        &range,
                    )
                    .with_hint(
                        "no transcription needs that depth: close some marks first (docs/limits.md)",
                    ));
                }
                let frame = match container {
                    Container::Emphasis => Frame::Underline,
                    Container::Strong => Frame::Spaced,
                    Container::Delete => Frame::Deleted,
                    Container::Insert => Frame::Inserted,
                    Container::Mark => Frame::Supplied,
                    Container::Superscript => Frame::Superscript,
                    Container::Subscript => Frame::Subscript,
                    Container::Span => Frame::Span,
                    other => {
                        return Err(err(
                            Code::UnsupportedMarkup,
                            format!(
                                "{} is not part of the transcription format; expected text with _underline_, *spaced*, {{-deleted-}}, {{+inserted+}}, {{=supplied=}}, [^note] or [text]{{.class}}",
                                describe(&other)
                            ),
                            &range,
                        )
                        .with_hint("write a literal character with a backslash before it, as in \\[ or \\*"))
                    }
                };
                let mut open = Open {
                    frame,
                    classes: vec![],
                    hand: None,
                    place: None,
                    place_key: None,
                    person: None,
                    key: None,
                    lang: None,
                    content: vec![],
                    start: range.start,
                    error: None,
                };
                for (kind, value) in attrs {
                    let value = value.to_string();
                    match kind {
                        AttributeKind::Class if SPAN_CLASSES.contains(&value.as_str()) => {
                            open.classes.push(value)
                        }
                        AttributeKind::Class => {
                            let (code, message, hint) = error::unknown_class(&value, SPAN_CLASSES);
                            open.error = open.error.or(Some(Fault {
                                code,
                                message,
                                hint,
                                needle: format!(".{value}"),
                            }))
                        }
                        AttributeKind::Pair { key: "hand" } => {
                            if value.trim().is_empty() {
                                open.error = open.error.or(Some(Fault {
                                    code: Code::AttributeValue,
                                    message: "`hand` needs a name".into(),
                                    hint: "write whose hand, as printed after \"Рукой\": hand=\"И. В. Сталина\"".into(),
                                    needle: "hand".into(),
                                }));
                            }
                            open.hand = Some(value)
                        }
                        // On anything but an insertion, a place that is not where an
                        // insertion stands names a place of the register.
                        AttributeKind::Pair { key: "place" }
                            if !matches!(open.frame, Frame::Inserted)
                                && !PLACES.contains(&value.as_str()) =>
                        {
                            if value.trim().is_empty() {
                                open.error = open.error.or(Some(Fault {
                                    code: Code::AttributeValue,
                                    message: "`place` needs a register key".into(),
                                    hint: "write the key of a place of the register: [Кустанай]{place=kustanai}".into(),
                                    needle: "place".into(),
                                }));
                            }
                            open.place_key = Some(value)
                        }
                        AttributeKind::Pair { key: "person" } => {
                            if value.trim().is_empty() {
                                open.error = open.error.or(Some(Fault {
                                    code: Code::AttributeValue,
                                    message: "`person` needs a register key".into(),
                                    hint: "write the key of a person of the register: [т.Сталина]{person=stalin-i-v}".into(),
                                    needle: "person".into(),
                                }));
                            }
                            open.person = Some(value)
                        }
                        AttributeKind::Pair { key: "place" } => {
                            match value.as_str() {
                                "above" => open.place = Some(InsertPlace::Above),
                                "below" => open.place = Some(InsertPlace::Below),
                                "margin" => open.place = Some(InsertPlace::Margin),
                                "inline" => open.place = Some(InsertPlace::Inline),
                                _ => {
                                    open.error = open.error.or(Some(Fault {
                                        code: Code::AttributeValue,
                                        message: format!("unknown place `{value}`; expected one of above, below, margin, inline"),
                                        hint: Some(did_you_mean(&value, PLACES.iter().copied())).filter(|h| !h.is_empty()).unwrap_or_else(|| "an insertion stands above (the default), below, in the margin or inline".into()),
                                        needle: value.clone(),
                                    }))
                                }
                            }
                        }
                        AttributeKind::Pair { key: "key" } => open.key = Some(value),
                        AttributeKind::Pair { key: "lang" } => {
                            if value.trim().is_empty() {
                                open.error = open.error.or(Some(Fault {
                                    code: Code::AttributeValue,
                                    message: "`lang` needs a language tag".into(),
                                    hint: "write a BCP 47 tag: [mon cher]{lang=fr}".into(),
                                    needle: "lang".into(),
                                }));
                            }
                            open.lang = Some(value)
                        }
                        AttributeKind::Pair { key } => {
                            let near = did_you_mean(key, ATTRIBUTE_KEYS.iter().copied());
                            open.error = open.error.or(Some(Fault {
                                code: Code::UnknownAttribute,
                                message: format!(
                                    "unknown attribute `{key}`; expected one of {}",
                                    ATTRIBUTE_KEYS.join(", ")
                                ),
                                hint: if near.is_empty() { "hand=\"…\" names another hand; place=margin places an insertion".into() } else { near },
                                needle: key.to_string(),
                            }))
                        }
                        AttributeKind::Id => {
                            open.error = open.error.or(Some(Fault {
                                code: Code::MarkupMisuse,
                                message: format!("ids (`#{value}`) are not part of the format"),
                                hint: format!("for a note reference write [^{value}]"),
                                needle: format!("#{value}"),
                            }))
                        }
                        AttributeKind::Comment => {}
                    }
                }
                stack.push(open);
            }
            Event::End(_) => {
                let Some(open) = stack.pop() else {
                    return Err(err(
                        Code::UnclosedMarkup,
                        "unbalanced markup".into(),
                        &range,
                    ));
                };
                let whole = open.start..range.end;
                if let Some(fault) = open.error {
                    // Point at the attribute itself when it can be found in the container.
                    let whole = unshift(&whole);
                    let span = source
                        .get(whole.clone())
                        .and_then(|s| s.rfind(fault.needle.as_str()))
                        .map_or(whole.clone(), |i| {
                            whole.start + i..whole.start + i + fault.needle.len()
                        });
                    return Err(MarkupError::new(fault.code, fault.message, source, span)
                        .with_hint(fault.hint));
                }
                let inline = close(open).map_err(|m| err(Code::MarkupMisuse, m, &whole))?;
                target(&mut stack, &mut root, inline);
            }
            Event::Str(s) => {
                let s = s.strip_prefix(SHIELD).unwrap_or(&s);
                let at = unshift(&range).start;
                if source.get(at..at + s.len()) == Some(s) {
                    if let Some(e) = error::stray_delimiter(source, s, at, after_escape) {
                        return Err(e);
                    }
                }
                if !s.is_empty() {
                    target(&mut stack, &mut root, Inline::Text(s.to_string()));
                }
            }
            Event::FootnoteReference(label) => {
                target(&mut stack, &mut root, Inline::NoteRef(label.to_string()))
            }
            // Smart punctuation and symbols are kept exactly as typed.
            Event::Symbol(_)
            | Event::LeftSingleQuote
            | Event::RightSingleQuote
            | Event::LeftDoubleQuote
            | Event::RightDoubleQuote
            | Event::Ellipsis
            | Event::EnDash
            | Event::EmDash => {
                let text = literal();
                let text = text.strip_prefix(SHIELD).unwrap_or(&text).to_string();
                target(&mut stack, &mut root, Inline::Text(text))
            }
            Event::NonBreakingSpace => target(&mut stack, &mut root, Inline::Text("\u{a0}".into())),
            Event::Softbreak => target(&mut stack, &mut root, Inline::Text(" ".into())),
            Event::Hardbreak => target(&mut stack, &mut root, Inline::LineBreak),
            Event::Escape | Event::Blankline => {}
            Event::Attributes(_) => {
                return Err(err(
                    Code::MarkupMisuse,
                    "attributes `{...}` must follow a marked span, as in [text]{.unclear}".into(),
                    &range,
                ))
            }
            Event::ThematicBreak(_) => {
                return Err(err(
                    Code::UnsupportedMarkup,
                    "a thematic break is not part of the format".into(),
                    &range,
                ))
            }
        }
    }
    if !stack.is_empty() {
        return Err(MarkupError::new(
            Code::UnclosedMarkup,
            "unclosed markup".into(),
            source,
            0..source.len(),
        ));
    }
    if has_half_choice(&root) {
        let at = source.find("{.orig").or(source.find("{.reg")).unwrap_or(0);
        return Err(err(
            Code::MarkupMisuse,
            "the two readings of a choice stand side by side: the original first, then the regularized one, as in [іюля]{.orig}[июля]{.reg}".into(),
            &(at + shift..at + shift + 8),
        ));
    }
    Ok(root)
}

/// Turns a closed container into its inline, checking that its classes make sense.
fn close(open: Open) -> Result<Inline, String> {
    let Open {
        frame,
        classes,
        hand,
        place,
        place_key,
        person,
        key,
        lang,
        content,
        ..
    } = open;
    let has = |c: &str| classes.iter().any(|k| k == c);
    let inserted = matches!(frame, Frame::Inserted) || has("inserted");
    if place.is_some() && !inserted {
        return Err("`place` belongs to an insertion: {+text+}{place=margin}".into());
    }
    if let (Some(key), true) = (&place_key, inserted) {
        return Err(format!(
            "unknown place `{key}` of an insertion; expected one of above, below, margin, inline; hint: to mention a place of the register inside an insertion, nest it: {{+[name]{{place={key}}}+}}"
        ));
    }
    if place_key.is_some() && person.is_some() {
        return Err("a span mentions one entry, not both a person and a place; hint: nest them: [[text]{person=…}]{place=…}".into());
    }
    let mut mention = person
        .map(|k| (MentionKind::Person, k))
        .or(place_key.map(|k| (MentionKind::Place, k)));
    let mut lang = lang;
    let name_kind = classes.iter().find_map(|c| NameKind::of_class(c));
    if key.is_some() && name_kind.is_none() {
        return Err("`key` belongs to a name: [Некрасову]{.person key=\"9649\"}".into());
    }
    let mut inline = match frame {
        Frame::Underline => Inline::Underline {
            double: has("double"),
            content,
        },
        Frame::Spaced => Inline::Spaced(content),
        Frame::Deleted => Inline::Deleted(content),
        Frame::Inserted => Inline::Inserted {
            place: place.unwrap_or_default(),
            hand: hand.clone(),
            content,
        },
        Frame::Supplied => Inline::Supplied(content),
        Frame::Superscript => Inline::Superscript(content),
        Frame::Subscript => Inline::Subscript(content),
        Frame::Span => {
            let mut kinds = classes.iter().filter(|c| c.as_str() != "double");
            let first = kinds.next();
            if let Some(second) = kinds.next() {
                return Err(format!(
                    "a span takes one class, not both .{} and .{second}; hint: nest them: [[text]{{.{}}}]{{.{second}}}",
                    first.map(String::as_str).unwrap_or_default(),
                    first.map(String::as_str).unwrap_or_default()
                ));
            }
            match first.map(String::as_str) {
                Some("underline") => Inline::Underline {
                    double: has("double"),
                    content,
                },
                Some("spaced") => Inline::Spaced(content),
                Some("deleted") => Inline::Deleted(content),
                Some("inserted") => Inline::Inserted {
                    place: place.unwrap_or_default(),
                    hand: hand.clone(),
                    content,
                },
                Some("unclear") => Inline::Unclear(content),
                Some("supplied") => Inline::Supplied(content),
                Some("sic") => Inline::Sic(content),
                Some("italic") => Inline::Italic(content),
                Some("bold") => Inline::Bold(content),
                Some("orig") => Inline::Choice {
                    original: content,
                    regularized: vec![Inline::Text(HALF.into())],
                },
                Some("reg") => Inline::Choice {
                    original: vec![Inline::Text(HALF.into())],
                    regularized: content,
                },
                Some(class) if name_kind.is_some() => Inline::Name {
                    kind: NameKind::of_class(class).unwrap_or(NameKind::Other),
                    key,
                    content,
                },
                Some("gap") => {
                    let description = plain_text(&content);
                    let description = description.trim();
                    if content.iter().any(|i| !matches!(i, Inline::Text(_))) {
                        return Err("a gap holds only the editor's description, no markup".into());
                    }
                    Inline::Gap((!description.is_empty()).then(|| description.to_string()))
                }
                _ if has("double") => Inline::Underline {
                    double: true,
                    content,
                },
                // A span with attributes only: its innermost meaning is built here, the
                // other attributes wrap it below (a mention, then a language, then a hand).
                _ if mention.is_some() => match mention.take() {
                    Some((kind, key)) => Inline::Mention { kind, key, content },
                    None => unreachable!("the guard saw a mention"),
                },
                _ if lang.is_some() => Inline::Foreign {
                    lang: lang.take().unwrap_or_default(),
                    content,
                },
                _ if hand.is_some() => {
                    return Ok(Inline::Hand {
                        hand: hand.unwrap_or_default(),
                        content,
                    })
                }
                _ => {
                    return Err(format!(
                        "a span needs a class or a hand: [text]{{.unclear}}, [text]{{hand=\"…\"}}; expected one of {}",
                        SPAN_CLASSES
                            .iter()
                            .map(|c| format!(".{c}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                }
            }
        }
    };
    // A mention wraps the marked words (a name among them: the two nest); a language wraps
    // that; a hand on anything but an insertion wraps it all: the marked words are in that
    // hand.
    if let Some((kind, key)) = mention {
        inline = Inline::Mention {
            kind,
            key,
            content: vec![inline],
        };
    }
    if let Some(lang) = lang {
        inline = Inline::Foreign {
            lang,
            content: vec![inline],
        };
    }
    if let Some(hand) = hand {
        if !inserted {
            inline = Inline::Hand {
                hand,
                content: vec![inline],
            };
        }
    }
    Ok(inline)
}

/// Stands for the missing reading of a half-parsed choice: `[іюля]{.orig}` waits for the
/// `[июля]{.reg}` right after it.
const HALF: &str = "\u{E001}";

fn is_half(readings: &[Inline]) -> bool {
    matches!(readings, [Inline::Text(t)] if t == HALF)
}

/// Appends an inline, merging adjacent plain text and the two halves of a choice.
fn push_inline(content: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text(last)), Inline::Text(new)) = (content.last_mut(), &inline) {
        last.push_str(new);
        return;
    }
    if let (
        Some(Inline::Choice {
            regularized: waiting,
            ..
        }),
        Inline::Choice {
            original,
            regularized,
        },
    ) = (content.last_mut(), &inline)
    {
        if is_half(waiting) && is_half(original) {
            *waiting = regularized.clone();
            return;
        }
    }
    content.push(inline);
}

/// Whether a choice still lacks one of its readings somewhere in `inlines`.
fn has_half_choice(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Choice {
            original,
            regularized,
        } => {
            is_half(original)
                || is_half(regularized)
                || has_half_choice(original)
                || has_half_choice(regularized)
        }
        other => has_half_choice(other.children()),
    })
}

fn describe(container: &Container) -> &'static str {
    match container {
        Container::Link(..) => "a link",
        Container::Image(..) => "an image",
        Container::Verbatim => "verbatim text (backticks)",
        Container::Math { .. } => "math",
        Container::RawInline { .. } => "raw output",
        Container::Heading { .. } => "a heading",
        Container::List { .. } | Container::ListItem | Container::TaskListItem { .. } => "a list",
        Container::Blockquote => "a block quotation",
        Container::Footnote { .. } => "a footnote definition (notes go in [[notes]])",
        Container::Table | Container::TableRow { .. } | Container::TableCell { .. } => "a table",
        Container::CodeBlock { .. } | Container::RawBlock { .. } => "a code block",
        Container::Div { .. } => "a div",
        _ => "this construct",
    }
}
