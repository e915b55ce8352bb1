//! Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into lines", 1981): the
//! breaks of a whole paragraph are chosen together so that its lines are evenly spaced,
//! instead of line by line.

/// One element of a paragraph in Knuth–Plass terms.
#[derive(Clone, Copy, Debug)]
pub enum Item {
    /// Unbreakable material of a width.
    Box(f32),
    /// Space that may stretch or shrink; a line may break at it.
    Glue {
        /// Natural width.
        width: f32,
        /// How much it may grow.
        stretch: f32,
        /// How much it may shrink.
        shrink: f32,
    },
    /// A possible break with a cost; `width` is set only when breaking here (a hyphen).
    Penalty {
        /// Width added at the end of the line when breaking here.
        width: f32,
        /// Cost of breaking here; `INFINITY` forbids, `-INFINITY` forces.
        cost: f32,
        /// Whether this is a hyphenation (two in a row cost extra).
        flagged: bool,
    },
}

/// A penalty that forbids or forces a break.
pub const INFINITY: f32 = 10000.0;

/// What a set of breaks costs and what it may not do: TeX's parameters, with the values
/// Russian book typography asks for (docs/pdf.md, "Line breaking"). One home for every
/// number the line breaker weighs.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    /// The loosest line allowed, as an adjustment ratio (1.0 = all the stretch of its
    /// spaces); with the spaces' stretch of 0.8 of their width, 1.25 keeps every space
    /// under twice its natural width.
    pub tolerance: f32,
    /// Stretch added to every line in an emergency (TeX's `\emergencystretch`), in points:
    /// a paragraph with no solution within `tolerance` gets looser lines, not more hyphens.
    pub emergency: f32,
    /// Demerits of a line of itself (TeX's `\linepenalty`): fewer lines are better.
    pub line_penalty: f32,
    /// The cost of a hyphenation break (TeX's `\hyphenpenalty`, 50 there; Russian text
    /// has long words and hypher finds many points, so more is needed here).
    pub hyphen_penalty: f32,
    /// Demerits of two hyphenated lines in a row (`\doublehyphendemerits`).
    pub double_hyphen: f32,
    /// Demerits of a hyphen ending the last full line of a paragraph
    /// (`\finalhyphendemerits`).
    pub final_hyphen: f32,
    /// Demerits of a tight line next to a loose one, or a loose one next to a very loose
    /// one (`\adjdemerits`): neighbouring lines keep a like colour.
    pub adjacent_fitness: f32,
    /// Most hyphenated lines in a row; a break that would make a longer run is not taken.
    pub max_hyphen_run: usize,
    /// Demerits of a paragraph's last line shorter than a quarter of the measure (Russian
    /// practice wants the last line well longer than the indent).
    pub short_last_line: f32,
    /// How much a word space may grow, as a fraction of its width, at ratio 1.
    pub space_stretch: f32,
    /// How much a word space may shrink, as a fraction of its width.
    pub space_shrink: f32,
    /// How much each gap between letters may grow, in ems, at ratio 1: a justified line
    /// takes a little of its slack in the words (invisible at this size, as in InDesign's
    /// letter-spacing range), so that its spaces need not grow past twice their width.
    pub letter_stretch: f32,
}

impl Params {
    /// The parameters of folio's justified text.
    pub const JUSTIFIED: Params = Params {
        tolerance: 1.25,
        emergency: 0.0,
        line_penalty: 10.0,
        hyphen_penalty: 150.0,
        double_hyphen: 30000.0,
        final_hyphen: 20000.0,
        adjacent_fitness: 10000.0,
        max_hyphen_run: 2,
        short_last_line: 2000.0,
        space_stretch: 0.8,
        space_shrink: 0.3,
        letter_stretch: 0.02,
    };
}

#[derive(Clone, Copy)]
struct Node {
    position: usize,
    line: usize,
    fitness: usize,
    /// Hyphenated lines in a row ending at this break.
    run: usize,
    width: f32,
    stretch: f32,
    shrink: f32,
    demerits: f32,
    previous: Option<usize>,
}

/// Chooses the breaks: indices into `items` where lines end (each a glue or penalty; the
/// last is the final forced penalty). `width(line)` gives the measure of line `line`.
/// Returns `None` when no set of breaks keeps every line within `p.tolerance` (with
/// `p.emergency` added to every line's stretch) and every run of hyphens within
/// `p.max_hyphen_run`.
pub fn breaks(items: &[Item], width: &dyn Fn(usize) -> f32, p: &Params) -> Option<Broken> {
    let (tolerance, emergency) = (p.tolerance, p.emergency);
    let mut nodes: Vec<Node> = vec![Node {
        position: 0,
        line: 0,
        fitness: 1,
        run: 0,
        width: 0.0,
        stretch: 0.0,
        shrink: 0.0,
        demerits: 0.0,
        previous: None,
    }];
    let mut active: Vec<usize> = vec![0];
    let (mut tw, mut ts, mut tk) = (0.0f32, 0.0f32, 0.0f32);
    for (i, item) in items.iter().enumerate() {
        let (breakable, pen_w, cost, flagged) = match *item {
            Item::Box(w) => {
                tw += w;
                continue;
            }
            Item::Glue { .. } => (
                i > 0 && matches!(items[i - 1], Item::Box(_)),
                0.0,
                0.0,
                false,
            ),
            Item::Penalty {
                width,
                cost,
                flagged,
            } => (cost < INFINITY, width, cost, flagged),
        };
        if breakable {
            let mut candidates: Vec<Node> = Vec::new();
            let mut k = 0;
            while k < active.len() {
                let ai = active[k];
                let a = nodes[ai];
                let line_w = width(a.line);
                let w = tw - a.width + pen_w;
                let ratio = if w < line_w {
                    let st = ts - a.stretch + emergency;
                    if st > 0.0 {
                        (line_w - w) / st
                    } else {
                        INFINITY
                    }
                } else if w > line_w {
                    let sh = tk - a.shrink;
                    if sh > 0.0 {
                        (line_w - w) / sh
                    } else {
                        -INFINITY
                    }
                } else {
                    0.0
                };
                if ratio < -1.0 || cost <= -INFINITY {
                    active.remove(k);
                } else {
                    k += 1;
                }
                let run = if flagged { a.run + 1 } else { 0 };
                if (-1.0..=tolerance).contains(&ratio) && run <= p.max_hyphen_run {
                    let badness = 100.0 * ratio.abs().powi(3);
                    let base = (p.line_penalty + badness).powi(2);
                    let mut d = if cost >= 0.0 {
                        (p.line_penalty + badness + cost).powi(2)
                    } else if cost > -INFINITY {
                        base - cost * cost
                    } else {
                        base
                    };
                    let after_hyphen =
                        matches!(items[a.position], Item::Penalty { flagged: true, .. })
                            && a.position > 0;
                    if flagged && after_hyphen {
                        d += p.double_hyphen;
                    }
                    // The break ending the paragraph, after a hyphenated last full line.
                    if cost <= -INFINITY && after_hyphen {
                        d += p.final_hyphen;
                    }
                    // A last line shorter than a quarter of the measure reads as a scrap.
                    if cost <= -INFINITY && w < line_w * 0.25 {
                        d += p.short_last_line;
                    }
                    let fitness: usize = if ratio < -0.5 {
                        0
                    } else if ratio <= 0.5 {
                        1
                    } else if ratio <= 1.0 {
                        2
                    } else {
                        3
                    };
                    if fitness.abs_diff(a.fitness) > 1 {
                        d += p.adjacent_fitness;
                    }
                    let total = a.demerits + d;
                    let prev = Some(ai);
                    // Breaks are told apart by line count too, so that the best setting one
                    // line longer survives (for the page builder, see `Broken::longer`).
                    match candidates
                        .iter_mut()
                        .find(|c| c.fitness == fitness && c.run == run && c.line == a.line + 1)
                    {
                        Some(c) if c.demerits <= total => {}
                        Some(c) => {
                            c.demerits = total;
                            c.previous = prev;
                        }
                        None => candidates.push(Node {
                            position: i,
                            line: a.line + 1,
                            fitness,
                            run,
                            width: 0.0,
                            stretch: 0.0,
                            shrink: 0.0,
                            demerits: total,
                            previous: prev,
                        }),
                    }
                }
            }
            if !candidates.is_empty() {
                // Totals after the break: skip the glue and penalties that vanish there.
                let (mut bw, mut bs, mut bk) = (tw, ts, tk);
                for it in &items[i..] {
                    match *it {
                        Item::Box(_) => break,
                        Item::Glue {
                            width,
                            stretch,
                            shrink,
                        } => {
                            bw += width;
                            bs += stretch;
                            bk += shrink;
                        }
                        Item::Penalty { cost, .. }
                            if cost <= -INFINITY && !std::ptr::eq(it, &items[i]) =>
                        {
                            break
                        }
                        Item::Penalty { .. } => {}
                    }
                }
                for mut c in candidates {
                    c.width = bw;
                    c.stretch = bs;
                    c.shrink = bk;
                    nodes.push(c);
                    active.push(nodes.len() - 1);
                }
            }
            if active.is_empty() {
                return None;
            }
        }
        if let Item::Glue {
            width,
            stretch,
            shrink,
        } = *item
        {
            tw += width;
            ts += stretch;
            tk += shrink;
        }
    }
    // The best node that ends at the last item, and the best with one line more.
    let last = items.len().checked_sub(1)?;
    let ends: Vec<usize> = active
        .iter()
        .copied()
        .filter(|&n| nodes[n].position == last)
        .collect();
    let best_of = |lines: Option<usize>| {
        ends.iter()
            .copied()
            .filter(|&n| lines.is_none_or(|l| nodes[n].line == l))
            .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))
    };
    let path = |end: usize| {
        let mut out = Vec::new();
        let mut n = Some(end);
        while let Some(k) = n {
            if nodes[k].previous.is_none() && k == 0 {
                break;
            }
            out.push(nodes[k].position);
            n = nodes[k].previous;
        }
        out.reverse();
        out
    };
    let best = best_of(None)?;
    Some(Broken {
        best: path(best),
        longer: best_of(Some(nodes[best].line + 1)).map(path),
    })
}

/// The breaks of a paragraph: the best, and the best of those one line longer (within the
/// same tolerance), with which the page builder may fill a page (a compositor's "выгонка
/// строки") instead of leaving white at its foot.
pub struct Broken {
    /// Where the lines end, best first.
    pub best: Vec<usize>,
    /// Where the lines end in the best setting one line longer, if there is one.
    pub longer: Option<Vec<usize>>,
}

/// First-fit breaking at natural widths: for ragged (left, right, centred) text and as the
/// last resort when no total-fit solution exists.
pub fn greedy(items: &[Item], width: &dyn Fn(usize) -> f32) -> Vec<usize> {
    let mut out = Vec::new();
    let mut line = 0;
    let mut w = 0.0f32;
    let mut last_break: Option<(usize, f32)> = None;
    let mut i = 0;
    while i < items.len() {
        match items[i] {
            Item::Box(bw) => {
                w += bw;
                if w > width(line) {
                    if let Some((b, _)) = last_break.take() {
                        out.push(b);
                        line += 1;
                        // Restart measuring after the break.
                        w = 0.0;
                        i = b + 1;
                        while i < items.len() && !matches!(items[i], Item::Box(_)) {
                            i += 1;
                        }
                        continue;
                    }
                }
            }
            Item::Glue { width: gw, .. } => {
                if i > 0 && matches!(items[i - 1], Item::Box(_)) {
                    last_break = Some((i, w));
                }
                w += gw;
            }
            Item::Penalty {
                width: pw, cost, ..
            } => {
                if cost <= -INFINITY {
                    out.push(i);
                    line += 1;
                    w = 0.0;
                    last_break = None;
                } else if cost < INFINITY && w + pw <= width(line) {
                    last_break = Some((i, w));
                }
            }
        }
        i += 1;
    }
    if out.last() != Some(&(items.len().saturating_sub(1))) && !items.is_empty() {
        out.push(items.len() - 1);
    }
    out
}
