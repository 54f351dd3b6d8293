//! Colours as design tokens write them (`#rgb` or `#rrggbb`) and the WCAG 2.x
//! contrast ratio between two of them. Pure functions; which pairs are checked
//! and how strictly is `tokens`' business.

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb` or `#rrggbb`, case-insensitive; anything else is `None`. Other
    /// CSS colour syntaxes are refused on purpose: a token must be one fixed,
    /// opaque colour for its contrast to be known.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |s: &str| u8::from_str_radix(s, 16).ok();
        match hex.len() {
            3 => {
                let d = |i: usize| channel(&hex[i..=i].repeat(2));
                Some(Rgb(d(0)?, d(1)?, d(2)?))
            }
            6 => Some(Rgb(
                channel(&hex[0..2])?,
                channel(&hex[2..4])?,
                channel(&hex[4..6])?,
            )),
            _ => None,
        }
    }

    /// `#rrggbb` in lowercase: the one spelling the stylesheet gets.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance as WCAG 2.2 defines it (sRGB, 0 for black, 1 for white).
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }
}

/// The contrast ratio of two colours, from 1 (equal) to 21 (black on white).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la >= lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// A ratio as people read it, rounded down to two decimals so that a ratio
/// just below a threshold never prints as the threshold (4.499 is "4.49:1").
pub fn ratio_text(ratio: f64) -> String {
    format!("{:.2}:1", (ratio * 100.0).floor() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_long_hex() {
        assert_eq!(Rgb::parse("#fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::parse("#0B4F8A"), Some(Rgb(11, 79, 138)));
        assert_eq!(
            Rgb::parse("#0b4f8a").map(Rgb::hex).as_deref(),
            Some("#0b4f8a")
        );
        for bad in [
            "",
            "fff",
            "#ff",
            "#ffff",
            "#gggggg",
            "red",
            "rgb(0,0,0)",
            "#ffffff80",
            "#ééé",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_matches_known_wcag_values() {
        let white = Rgb(255, 255, 255);
        assert_eq!(ratio_text(contrast(Rgb(0, 0, 0), white)), "21.00:1");
        assert_eq!(ratio_text(contrast(white, white)), "1.00:1");
        // #767676 is the lightest grey that passes 4.5:1 on white; #777777 fails.
        assert!(contrast(Rgb(0x76, 0x76, 0x76), white) >= 4.5);
        assert!(contrast(Rgb(0x77, 0x77, 0x77), white) < 4.5);
        assert_eq!(ratio_text(contrast(Rgb(0x77, 0x77, 0x77), white)), "4.47:1");
        // Order does not matter.
        let blue = Rgb(11, 79, 138);
        assert_eq!(contrast(blue, white), contrast(white, blue));
    }

    #[test]
    fn ratio_text_rounds_down() {
        assert_eq!(ratio_text(4.4999), "4.49:1");
        assert_eq!(ratio_text(3.0), "3.00:1");
    }
}
