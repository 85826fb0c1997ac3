//! `--format sarif`: one SARIF 2.1.0 log for code-scanning services, a
//! result per edit with its location, the rule that fired, and the
//! replacement as a fix.

use std::ops::Range;

use serde_json::{json, Value};
use unspin::{Class, Edit, Rule, Suggestion};

use super::output::line_col;

/// The rules a result can cite, with what they mean.
const RULES: &[(&str, &str)] = &[
    (
        "fingerprint",
        "A phrase that does not occur in clean prose: the output of an article spinner.",
    ),
    (
        "ambiguous",
        "An ordinary phrase that an article spinner also writes, in a document that shows spin.",
    ),
    (
        "near-miss",
        "Another spelling, spacing or plural of a spinner fingerprint.",
    ),
    (
        "damaged-name",
        "A name rewritten word by word by an article spinner.",
    ),
    (
        "spintax",
        "A brace left over from unexpanded spinner syntax.",
    ),
    ("article", "“a” or “an” agreeing with a restored word."),
    (
        "suggestion",
        "A word an article spinner is known to write, in a document that shows spin, with candidate originals (not applied).",
    ),
];

/// Results gathered over all inputs.
#[derive(Default)]
pub(crate) struct Log {
    results: Vec<Value>,
}

impl Log {
    /// Adds the edits of one input.
    pub(crate) fn add(&mut self, uri: &str, input: &[u8], edits: &[Edit]) {
        for e in edits {
            let region = region(input, e.span(), e.original());
            let rule = rule_id(e);
            self.results.push(json!({
                "ruleId": rule,
                "level": if rule == "fingerprint" || rule == "damaged-name" { "warning" } else { "note" },
                "message": {
                    "text": format!("“{}” -> “{}”: {}", e.original(), e.replacement(), e.reason()),
                },
                "locations": [location(uri, &region)],
                "fixes": [fix(
                    uri,
                    &region,
                    &format!("Restore “{}”", e.replacement()),
                    e.replacement(),
                )],
                "properties": {
                    "confidence": e.confidence(),
                    "dictionary": e.dictionary(),
                    "replacement": e.replacement(),
                },
            }));
        }
    }

    /// Adds the suggestions of one input: a note each, with one fix per
    /// candidate.
    pub(crate) fn add_suggestions(&mut self, uri: &str, input: &[u8], suggestions: &[Suggestion]) {
        for s in suggestions {
            let region = region(input, s.span(), s.original());
            let fixes: Vec<Value> = s
                .candidates()
                .iter()
                .map(|c| {
                    let description = format!(
                        "Replace with “{}” (score {:.2})",
                        c.replacement(),
                        c.score()
                    );
                    fix(uri, &region, &description, c.replacement())
                })
                .collect();
            self.results.push(json!({
                "ruleId": "suggestion",
                "level": "note",
                "message": {
                    "text": format!("“{}” might be {}: {}", s.original(), super::explain::alternatives(s), s.reason()),
                },
                "locations": [location(uri, &region)],
                "fixes": fixes,
            }));
        }
    }

    /// The whole log.
    pub(crate) fn finish(self) -> Value {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|(id, text)| json!({ "id": id, "shortDescription": { "text": text } }))
            .collect();
        json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "unspin",
                        "version": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    },
                },
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        })
    }
}

/// The region of `span` in `input`, columns in characters, with the text
/// it holds.
fn region(input: &[u8], span: Range<usize>, snippet: &str) -> Value {
    let (start_line, start_column) = line_col(input, span.start);
    let (end_line, end_column) = line_col(input, span.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "snippet": { "text": snippet },
    })
}

/// A location: `region` of the file `uri`.
fn location(uri: &str, region: &Value) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri },
            "region": region,
        },
    })
}

/// A fix that replaces `region` of the file `uri` with `text`.
fn fix(uri: &str, region: &Value, description: &str, text: &str) -> Value {
    json!({
        "description": { "text": description },
        "artifactChanges": [{
            "artifactLocation": { "uri": uri },
            "replacements": [{
                "deletedRegion": region,
                "insertedContent": { "text": text },
            }],
        }],
    })
}

fn rule_id(e: &Edit) -> &'static str {
    match e.rule() {
        Rule::Lexicon { class, .. } if *class == Class::Fingerprint => "fingerprint",
        Rule::Lexicon { .. } => "ambiguous",
        Rule::NearMiss { .. } => "near-miss",
        Rule::Name { .. } => "damaged-name",
        Rule::Spintax => "spintax",
        Rule::Article => "article",
        Rule::Suggestion => "suggestion",
        _ => "ambiguous",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_carry_location_rule_and_fix() {
        let input = "One\nthe Protection Secretary and the U.Okay.";
        let r = unspin::Restorer::new().restore(input);
        let mut log = Log::default();
        log.add("a.txt", input.as_bytes(), r.edits());
        let v = log.finish();
        let results = v["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 2);
        assert_eq!(results[0]["ruleId"], "fingerprint");
        let region = &results[0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 2);
        assert_eq!(region["startColumn"], 5);
        assert_eq!(region["endColumn"], 25);
        assert_eq!(
            results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]
                ["text"],
            "Defense Secretary"
        );
        let ids: Vec<&str> = v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert!(results
            .iter()
            .all(|r| ids.contains(&r["ruleId"].as_str().unwrap())));
    }
}
