//! How much memory a load may hold: a share of the machine's, or `--memory-budget SIZE`.

/// When /proc/meminfo cannot be read (not Linux, a sandbox): a size most machines that
/// run this have to spare.
const FALLBACK_BYTES: u64 = 4 << 30;

/// The bytes `--memory-budget` allows, or half of the machine's memory without it:
/// the other half is for the rows a query prints and for everything else running.
pub fn memory_budget(option: Option<&str>) -> Result<usize, String> {
    let bytes = match option {
        Some(text) => parse_size(text)?,
        None => std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|info| mem_total(&info))
            .map_or(FALLBACK_BYTES, |total| total / 2),
    };
    Ok(usize::try_from(bytes).unwrap_or(usize::MAX))
}

/// `MemTotal:  16318480 kB` from /proc/meminfo, in bytes.
fn mem_total(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}

const UNITS: [(&str, u64); 9] = [
    ("", 1),
    ("B", 1),
    ("KB", 1_000),
    ("MB", 1_000_000),
    ("GB", 1_000_000_000),
    ("TB", 1_000_000_000_000),
    ("KIB", 1 << 10),
    ("MIB", 1 << 20),
    ("GIB", 1 << 30),
];

/// `2000000000`, `500MB`, `1.5 GiB`: bytes, decimal (KB, MB, GB, TB) or binary
/// (KiB, MiB, GiB) units, in any case.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let wrong =
        || format!("--memory-budget {text} is not a size; give bytes or a number with MB, GB, MiB or GiB, as in 2GB");
    let trimmed = text.trim();
    let split = trimmed.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let unit = unit.trim().to_ascii_uppercase();
    let scale = UNITS.iter().find(|(name, _)| *name == unit).map(|&(_, scale)| u128::from(scale)).ok_or_else(wrong)?;
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() || fraction.contains('.') || fraction.len() > 9 {
        return Err(wrong());
    }
    // Integer arithmetic, so that a size in bytes stays exact.
    let digits = |s: &str| if s.is_empty() { Ok(0) } else { s.parse::<u128>().map_err(|_| wrong()) };
    let bytes = digits(whole)? * scale + digits(fraction)? * scale / 10u128.pow(fraction.len() as u32);
    if bytes == 0 {
        return Err(format!("--memory-budget {text} leaves no room for any campaign; give more than 0"));
    }
    Ok(u64::try_from(bytes).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_bytes_and_units() {
        assert_eq!(parse_size("123").unwrap(), 123);
        assert_eq!(parse_size("1MB").unwrap(), 1_000_000);
        assert_eq!(parse_size("2 gb").unwrap(), 2_000_000_000);
        assert_eq!(parse_size("1.5GiB").unwrap(), 1_610_612_736);
        assert_eq!(parse_size("512MiB").unwrap(), 536_870_912);
        for wrong in ["", "MB", "1.2.3GB", "12 apples", "-5MB", "0"] {
            assert!(parse_size(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn memtotal_from_meminfo() {
        let info = "MemTotal:       16318480 kB\nMemFree:         1000 kB\n";
        assert_eq!(mem_total(info), Some(16_318_480 * 1024));
        assert_eq!(mem_total("MemFree: 1 kB\n"), None);
    }
}
