//! Characters that may not stand in a file. A leaf (no crate imports): both the text
//! rules and the error display use it, and neither should depend on the other for it.

/// Why `c` may not stand in a file, if it may not.
pub fn forbidden(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Some(
            "styr textens riktning och kan få den att visas i en annan ordning än den står i filen",
        ),
        '\u{200B}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}' => Some("är osynligt"),
        c if c.is_control() => Some("är ett styrtecken"),
        // Noncharacters: no text should hold them, and YAML refuses them.
        '\u{FDD0}'..='\u{FDEF}' => Some("är inget tecken (Unicode har lämnat det oanvänt)"),
        c if (c as u32) & 0xFFFE == 0xFFFE => {
            Some("är inget tecken (Unicode har lämnat det oanvänt)")
        }
        _ => None,
    }
}
