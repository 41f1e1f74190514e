//! Command-line options: `--name VALUE` (or `--name=VALUE`), switches, and operands.

/// The options one command was given, checked against the ones it takes.
pub struct Options {
    values: Vec<(&'static str, String)>,
    switches: Vec<&'static str>,
    pub operands: Vec<String>,
}

impl Options {
    /// `valued` options take a value and `switches` stand alone; any other word
    /// starting with `--` is refused, and after a bare `--` everything is an operand.
    pub fn parse(
        command: &str,
        args: &[String],
        valued: &[&'static str],
        switches: &[&'static str],
    ) -> Result<Options, String> {
        let mut options = Options { values: Vec::new(), switches: Vec::new(), operands: Vec::new() };
        let mut words = args.iter();
        while let Some(word) = words.next() {
            if word == "--" {
                options.operands.extend(words.by_ref().cloned());
                break;
            }
            if !word.starts_with("--") {
                options.operands.push(word.clone());
                continue;
            }
            let (name, inline) = match word.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (word.as_str(), None),
            };
            if let Some(&name) = valued.iter().find(|&&v| v == name) {
                let value = match inline {
                    Some(value) => value,
                    None => words.next().cloned().ok_or(format!("{name} needs a value after it"))?,
                };
                if options.value(name).is_some() {
                    return Err(format!("{name} is given twice; give it once"));
                }
                options.values.push((name, value));
            } else if let Some(&name) = switches.iter().find(|&&s| s == name && inline.is_none()) {
                options.switches.push(name);
            } else {
                let known: Vec<&str> = valued.iter().chain(switches).copied().collect();
                return Err(format!("takedown {command} has no option {word}; it takes {}", known.join(", ")));
            }
        }
        Ok(options)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    pub fn switch(&self, name: &str) -> bool {
        self.switches.contains(&name)
    }
}
