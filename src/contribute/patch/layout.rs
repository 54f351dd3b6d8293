//! Where each node of a front-matter YAML text lies, in bytes. saphyr-parser's
//! events carry character spans; this turns them into a small tree of byte
//! ranges and styles, and fixes the ends the parser reports loosely (quoted
//! scalars and flow collections whose span runs on over a trailing comment,
//! block scalars whose span takes the blank lines after them along).

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span, StrInput};

/// One YAML node: its bytes are `start..end` of the text it was read from.
#[derive(Debug)]
pub(super) struct Node {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Carries an anchor or a tag, which an edit would not keep.
    pub exotic: bool,
}

#[derive(Debug)]
pub(super) enum Kind {
    /// For block scalars (`|`, `>`), `start` is the first content line, not the header.
    Scalar {
        style: ScalarStyle,
        value: String,
    },
    Alias,
    Seq {
        flow: bool,
        items: Vec<Node>,
    },
    Map {
        flow: bool,
        entries: Vec<Entry>,
    },
}

/// One `key: value` pair of a mapping; keys are scalars.
#[derive(Debug)]
pub(super) struct Entry {
    pub key: String,
    pub key_start: usize,
    pub key_end: usize,
    pub value: Node,
}

impl Node {
    /// The entries of a block mapping, or nothing for any other node.
    pub fn block_entries(&self) -> Option<&[Entry]> {
        match &self.kind {
            Kind::Map {
                flow: false,
                entries,
            } => Some(entries),
            _ => None,
        }
    }
}

/// Reads the one document of `src`; `None` when it holds no node at all.
pub(super) fn parse(src: &str) -> Result<Option<Node>, String> {
    let mut reader = Reader {
        src,
        offsets: src
            .char_indices()
            .map(|(i, _)| i)
            .chain([src.len()])
            .collect(),
        events: Parser::new_from_str(src),
    };
    reader.expect(|e| matches!(e, Event::StreamStart))?;
    let (event, span) = reader.next()?;
    let root = match event {
        Event::StreamEnd => return Ok(None),
        Event::DocumentStart(_) => match reader.next()? {
            (Event::DocumentEnd, _) => None,
            (event, span) => {
                let node = reader.node(event, span)?;
                reader.expect(|e| matches!(e, Event::DocumentEnd))?;
                Some(node)
            }
        },
        other => return Err(unexpected(&other, span)),
    };
    reader.expect(|e| matches!(e, Event::StreamEnd))?;
    Ok(root)
}

struct Reader<'a> {
    src: &'a str,
    /// Byte offset of each character index, and of the end.
    offsets: Vec<usize>,
    events: Parser<'a, StrInput<'a>>,
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), String> {
        match self.events.next() {
            Some(Ok(pair)) => Ok(pair),
            Some(Err(e)) => Err(e.to_string()),
            None => Err("the YAML ends unexpectedly".into()),
        }
    }

    fn expect(&mut self, want: impl Fn(&Event) -> bool) -> Result<(), String> {
        let (event, span) = self.next()?;
        if want(&event) {
            Ok(())
        } else {
            Err(unexpected(&event, span))
        }
    }

    fn byte(&self, m: Marker) -> usize {
        self.offsets
            .get(m.index())
            .copied()
            .unwrap_or(self.src.len())
    }

    fn node(&mut self, event: Event<'a>, span: Span) -> Result<Node, String> {
        let start = self.byte(span.start);
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let end = match style {
                    ScalarStyle::SingleQuoted => quoted_end(self.src, start, false)?,
                    ScalarStyle::DoubleQuoted => quoted_end(self.src, start, true)?,
                    ScalarStyle::Literal | ScalarStyle::Folded => {
                        let end = self.byte(span.end);
                        // Trailing blank lines are content only when kept (`|+`).
                        if value.ends_with("\n\n") {
                            end
                        } else {
                            trim_blank_lines(self.src, start, end)
                        }
                    }
                    ScalarStyle::Plain => self.byte(span.end),
                };
                Ok(Node {
                    start,
                    end,
                    kind: Kind::Scalar {
                        style,
                        value: value.into_owned(),
                    },
                    exotic: anchor != 0 || tag.is_some(),
                })
            }
            Event::Alias(_) => Ok(Node {
                start,
                end: self.byte(span.end),
                kind: Kind::Alias,
                exotic: false,
            }),
            Event::SequenceStart(anchor, tag) => {
                let flow = self.src[start..].starts_with('[');
                let mut items: Vec<Node> = Vec::new();
                let end = loop {
                    match self.next()? {
                        (Event::SequenceEnd, span) => {
                            break self.close(
                                flow,
                                ']',
                                span,
                                items.iter().map(|n: &Node| n.end),
                            )?
                        }
                        (event, span) => items.push(self.node(event, span)?),
                    }
                };
                Ok(Node {
                    start,
                    end: end.unwrap_or(start),
                    kind: Kind::Seq { flow, items },
                    exotic: anchor != 0 || tag.is_some(),
                })
            }
            Event::MappingStart(anchor, tag) => {
                let flow = self.src[start..].starts_with('{');
                let mut entries: Vec<Entry> = Vec::new();
                let end = loop {
                    let (event, span) = self.next()?;
                    if matches!(event, Event::MappingEnd) {
                        let ends = entries.iter().map(|e| e.value.end.max(e.key_end));
                        break self.close(flow, '}', span, ends)?;
                    }
                    let key = self.node(event, span)?;
                    let Kind::Scalar { value: name, .. } = key.kind else {
                        return Err("a key that is not a plain text is not supported".into());
                    };
                    let (event, span) = self.next()?;
                    let value = self.node(event, span)?;
                    entries.push(Entry {
                        key: name,
                        key_start: key.start,
                        key_end: key.end,
                        value,
                    });
                };
                Ok(Node {
                    start,
                    end: end.unwrap_or(start),
                    kind: Kind::Map { flow, entries },
                    exotic: anchor != 0 || tag.is_some(),
                })
            }
            other => Err(unexpected(&other, span)),
        }
    }

    /// The end of a collection: after its closing bracket, or after its last child.
    fn close(
        &self,
        flow: bool,
        bracket: char,
        span: Span,
        child_ends: impl Iterator<Item = usize>,
    ) -> Result<Option<usize>, String> {
        if !flow {
            return Ok(child_ends.max());
        }
        let at = self.byte(span.start);
        if self.src[at..].starts_with(bracket) {
            Ok(Some(at + 1))
        } else {
            Err(format!("expected `{bracket}` at byte {at}"))
        }
    }
}

fn unexpected(event: &Event, span: Span) -> String {
    format!(
        "unexpected {event:?} at line {} column {}",
        span.start.line(),
        span.start.col() + 1
    )
}

/// The byte after the closing quote of the quoted scalar opening at `start`.
fn quoted_end(src: &str, start: usize, double: bool) -> Result<usize, String> {
    let quote = if double { b'"' } else { b'\'' };
    let bytes = src.as_bytes();
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            // Escapes are ASCII, and UTF-8 continuation bytes never are.
            b'\\' if double => i += 2,
            b'\'' if !double && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err(format!("unclosed quoted text at byte {start}"))
}

/// Moves `end` back over whole lines holding only white space, not before `start`.
fn trim_blank_lines(src: &str, start: usize, end: usize) -> usize {
    let mut last = start;
    let mut pos = start;
    for line in src[start..end].split_inclusive('\n') {
        pos += line.len();
        if !line.trim().is_empty() {
            last = pos;
        }
    }
    last
}
