//! The cases of `docs/regedit.md`: what Regedit does with each odd line. The
//! Wine test imports every one (in a `REGEDIT4` file and in a version 5
//! file) and compares what Wine stored with what mapiprof reads.

/// `(label, lines)`: the lines follow a header and `[HKEY_CURRENT_USER\K]`.
pub const BODIES: &[(&str, &str)] = &[
    // hex bytes
    (
        "single-digit bytes",
        "\"a\"=hex:1,0,4,90\r\n\"b\"=hex:70,00,0\r\n",
    ),
    (
        "upper-case digits",
        "\"a\"=hex:AB,cD,0F\r\n\"b\"=dword:ABCDEF01\r\n",
    ),
    (
        "0x, sign and blanks before a byte",
        "\"a\"=hex:0x1,+2, 3,\t4\r\n\"b\"=hex:-0\r\n",
    ),
    (
        "byte over ff",
        "\"a\"=hex:25,100,01\r\n\"b\"=hex:-1\r\n\"c\"=dword:1\r\n",
    ),
    (
        "empty item",
        "\"a\"=hex:01,,02\r\n\"b\"=hex:,01\r\n\"c\"=dword:1\r\n",
    ),
    (
        "blank between bytes",
        "\"a\"=hex:01 02\r\n\"b\"=hex:01 ,02\r\n\"c\"=hex:01 ;c\r\n",
    ),
    (
        "trailing comma",
        "\"a\"=hex:01,02,\r\n\"b\"=hex(2):41,00,\r\n",
    ),
    (
        "comment after data",
        "\"a\"=hex:01,02 ;c\r\n\"b\"=hex:01,02;c\r\n\"c\"=hex:01,02 #c\r\n",
    ),
    (
        "upper-case HEX",
        "\"a\"=HEX:01\r\n\"b\"=Hex(2):41,00\r\n\"c\"=DWORD:1\r\n",
    ),
    // type numbers
    (
        "type numbers",
        "\"a\"=hex(0):01\r\n\"b\"=hex(100):01\r\n\"c\"=hex(ffffffff):01\r\n\"d\"=hex(-1):01\r\n\"f\"=hex(0x2):01\r\n\"g\"=hex(x2):01\r\n\"h\"=hex():01\r\n\"i\"=hex(b):01,02,03,04,05,06,07,08\r\n\"j\"=hex(A):01\r\n",
    ),
    (
        "a type number over 32 bits",
        "\"a\"=dword:1\r\n\"e\"=hex(100000000):01\r\n",
    ),
    (
        "hex(4) of any length",
        "\"a\"=hex(4):01,02,03,04,05,06,07,08\r\n\"b\"=hex(4):\r\n\"c\"=hex(4):01,02,03,04\r\n",
    ),
    (
        "empty data",
        "\"a\"=hex:\r\n\"b\"=hex(1):\r\n\"c\"=hex(2):\r\n\"d\"=hex(7):\r\n\"e\"=hex(0):\r\n",
    ),
    // string types given as hex
    (
        "string types without a terminator",
        "\"a\"=hex(7):4c,69,6e,65\r\n\"b\"=hex(2):25,50,41,54,48,25\r\n\"c\"=hex(1):41,42\r\n\"d\"=hex(7):4c,69,00\r\n",
    ),
    (
        "UTF-16 string types",
        "\"a\"=hex(7):4c,00,69,00,6e,00,65,00\r\n\"b\"=hex(2):25,00,50,00,00,00\r\n\"c\"=hex(1):00,00,61,00\r\n\"d\"=hex(7):4c,00,00,00,00,00\r\n",
    ),
    // continuations
    (
        "comment lines inside a continuation",
        "\"a\"=hex:01,\\\r\n;c\r\n  ;c\r\n  02,\\ ; note\r\n\t03\r\n\"b\"=dword:1\r\n",
    ),
    (
        "blank lines inside a continuation",
        "\"a\"=hex:01,\\\r\n\r\n \t\r\n  02\r\n\"b\"=dword:1\r\n",
    ),
    (
        "continuation without indent",
        "\"a\"=hex:01,\\\r\n02,03\r\n",
    ),
    (
        "value after a broken continuation",
        "\"a\"=hex:01,02,\\\r\n\"b\"=dword:1\r\n\"c\"=dword:2\r\n",
    ),
    (
        "blank line then a value",
        "\"a\"=hex:01,02,\\\r\n\r\n\"b\"=dword:1\r\n\"c\"=dword:2\r\n",
    ),
    (
        "'#' line inside a continuation",
        "\"a\"=hex:01,\\\r\n#c\r\n\"b\"=dword:1\r\n",
    ),
    (
        "key line after a continuation",
        "\"a\"=hex:01,\\\r\n[HKEY_CURRENT_USER\\K\\Sub]\r\n\"b\"=dword:1\r\n",
    ),
    (
        "backslash without a comma",
        "\"a\"=hex:01,02\\\r\n\"b\"=dword:1\r\n\"c\"=hex:01  \\\r\n  02\r\n",
    ),
    (
        "'#' after the backslash",
        "\"a\"=hex:01,\\\r\n  02,\\#c\r\n  03\r\n\"b\"=dword:1\r\n",
    ),
    (
        "a continuation line that stops",
        "\"a\"=hex(2):41,00,\\\r\n  42,00,\r\n  43,00\r\n\"b\"=dword:1\r\n",
    ),
    (
        "trailing blank on a continuation line",
        "\"a\"=hex:01,\\\r\n  02, \r\n\"b\"=hex:01,\\\r\n  02 \r\n",
    ),
    (
        "line of a backslash",
        "\"a\"=hex:01,\\\r\n\\\r\n  02\r\n\"b\"=dword:1\r\n",
    ),
    ("end of file in a continuation", "\"a\"=hex(7):41,00,\\"),
    // strings
    (
        "string escapes",
        "\"a\"=\"x\\\\y\\\"z\"\r\n\"b\"=\"x\\ny\\rz\"\r\n\"c\"=\"a\\qb\"\r\n\"e\"=\"\\\\0\"\r\n",
    ),
    (
        "a \\0 escape in a string",
        "\"a\"=\"1\"\r\n\"d\"=\"x\\0y\"\r\n",
    ),
    (
        "after a string",
        "\"a\"=\"v\";c\r\n\"b\"=\"v\"  ;c\r\n\"c\"=\"v\"#c\r\n\"d\"=\"v\"x\r\n\"e\"=\"v\"\t \r\n",
    ),
    (
        "unclosed string",
        "\"a\"=\"abc\r\n\"b\"=abc\"\r\n\"c\"=\"foo\"\"bar\"\r\n\"d\"=dword:1\r\n",
    ),
    (
        "a string ending in a backslash",
        "\"b\"=dword:1\r\n\"a\"=\"abc \\\r\ndef\"\r\n",
    ),
    // names
    (
        "names",
        "\"\"=\"default\"\r\n\"With=Equals\"=\"x\"\r\n\"a\\\"b\"=\"x\"\r\n\"\\\\foo\"=\"x\"\r\n\"  sp  \"=\"x\"\r\n\"n\\qx\"=\"x\"\r\n",
    ),
    (
        "name without a closing quote",
        "\"abc=\"x\"\r\nabc\"=\"x\"\r\n@foo=\"x\"\r\n\"d\"=dword:1\r\n",
    ),
    (
        "blanks around '='",
        "  \"a\"  =  \"x\"\r\n\t@\t=\tdword:\t8\t\r\n",
    ),
    // dwords
    (
        "dwords",
        "\"a\"=dword:1\r\n\"b\"=dword:  8\r\n\"c\"=dword:\r\n\"d\"=dword:123456789\r\n\"e\"=dword:0x1\r\n\"f\"=dword:12 34\r\n\"g\"=dword:1234;5678\r\n\"h\"=dword:1#c\r\n\"i\"=dword:;c\r\n\"j\"=dword:000000001\r\n",
    ),
    // deletions
    (
        "value deletions",
        "\"a\"=\"1\"\r\n\"b\"=\"1\"\r\n\"c\"=\"1\"\r\n\"d\"=\"1\"\r\n\"a\"=-\r\n\"b\"=  -  ;c\r\n\"c\"=-\"x\"\r\n\"d\"=- #c\r\n@=\"x\"\r\n@=-\r\n",
    ),
    // values set twice
    (
        "a value set twice",
        "\"a\"=\"1\"\r\n\"A\"=\"2\"\r\n\"b\"=dword:1\r\n\"b\"=hex:01\r\n",
    ),
    // key lines
    (
        "repeated keys",
        "\"a\"=\"1\"\r\n[HKEY_CURRENT_USER\\K\\S]\r\n\"x\"=\"1\"\r\n[hkey_current_user\\k]\r\n\"a\"=\"2\"\r\n\"b\"=\"3\"\r\n",
    ),
    (
        "key line with a blank after '['",
        "\"a\"=\"1\"\r\n[ HKEY_CURRENT_USER\\K\\S]\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "key line without ']'",
        "[HKEY_CURRENT_USER\\K\\S\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "short root",
        "[HKCU\\Software\\K]\r\n\"b\"=\"2\"\r\n[HKEY_CURRENT_USER\\K\\T]\r\n\"c\"=\"3\"\r\n",
    ),
    (
        "trailing blanks and backslashes in a key",
        "[HKEY_CURRENT_USER\\K\\S ]\r\n\"a\"=\"1\"\r\n[HKEY_CURRENT_USER\\K\\T\\\\]\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "text after ']'",
        "[HKEY_CURRENT_USER\\K\\S] ;c\r\n\"a\"=\"1\"\r\n[HKEY_CURRENT_USER\\K\\T]x]y\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "key names with quotes and slashes",
        "[HKEY_CURRENT_USER\\K\\a\"b/c]\r\n\"a\"=\"1\"\r\n[HKEY_CURRENT_USER\\K\\https://example.com]\r\n",
    ),
    (
        "key deletion",
        "[HKEY_CURRENT_USER\\K\\S\\T]\r\n\"a\"=\"1\"\r\n[-HKEY_CURRENT_USER\\K\\S]\r\n\"b\"=\"2\"\r\n[HKEY_CURRENT_USER\\K\\U]\r\n[- HKEY_CURRENT_USER\\K\\U]\r\n\"c\"=\"3\"\r\n",
    ),
    (
        "a backslash after the root",
        "[HKEY_CURRENT_USER\\\\K\\S]\r\n\"a\"=\"1\"\r\n[HKEY_CURRENT_USER\\K\\\\T]\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "a key name too long",
        "[HKEY_CURRENT_USER\\K\\kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk]\r\n\"a\"=\"1\"\r\n",
    ),
    (
        "deleting a root stops the import",
        "\"a\"=\"1\"\r\n[-HKEY_CURRENT_USER]\r\n[HKEY_CURRENT_USER\\K\\S]\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "deleting under a short root stops the import",
        "\"a\"=\"1\"\r\n[-HKCU\\K]\r\n[HKEY_CURRENT_USER\\K\\S]\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "an unknown full root",
        "[HKEY_CURRENT_USERS\\Software\\K]\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "a deletion not starting with H",
        "[-SOFTWARE\\K]\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "a deletion with a second backslash after the root",
        "[HKEY_CURRENT_USER\\K\\S]\r\n\"a\"=\"1\"\r\n[-HKEY_CURRENT_USER\\\\K\\S]\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "blanks before a key line",
        "  \t[HKEY_CURRENT_USER\\K\\S]\r\n\"a\"=\"1\"\r\n",
    ),
    (
        "bytes written with three digits",
        "\"a\"=hex:001,0ff,2\r\n\"b\"=hex:0100\r\n",
    ),
    (
        "a stray backslash or slash in hex data",
        "\"a\"=hex:25,48\\,4f\r\n\"b\"=hex:5c,/\r\n\"c\"=hex:01,\\ 02\r\n\"d\"=dword:1\r\n",
    ),
    (
        "a blank between the comma and the backslash",
        "\"a\"=hex:01, \\\r\n  02\r\n\"b\"=hex(2):\\\r\n  41,00,00,00\r\n",
    ),
    (
        "a default value taken by a broken continuation",
        "\"a\"=hex:01,\\\r\n@=\"x\"\r\n\"b\"=\"2\"\r\n",
    ),
    (
        "a hash in a quoted name",
        "\"a#b\"=\"1\"\r\n\"#c\"=\"2\"\r\n",
    ),
    // other lines
    (
        "comment lines",
        "#\"a\"=\"1\"\r\n;\"b\"=\"1\"\r\n  #c\\\r\n\"c\"=\"1\"\r\n",
    ),
    (
        "junk lines",
        "junk\r\n\"a\"=\"1\"\r\n= \"b\"\r\n\"c\"=\"1\"\r\n",
    ),
    (
        "line endings",
        "\"a\"=\"1\"\n\"b\"=\"2\"\r\"c\"=hex:01,\\\r  02\n\"d\"=\"4\"",
    ),
];

/// `(label, text)`: whole files, for what the header line does.
pub const FILES: &[(&str, &str)] = &[
    (
        "blanks before the header",
        " \tWindows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\K]\r\n\"a\"=\"1\"\r\n",
    ),
    (
        "a comment after the header",
        "Windows Registry Editor Version 5.00 ;c\r\n\r\n[HKEY_CURRENT_USER\\K]\r\n\"a\"=\"1\"\r\n",
    ),
    (
        "a blank after the header",
        "Windows Registry Editor Version 5.00 \r\n\r\n[HKEY_CURRENT_USER\\K]\r\n\"a\"=\"1\"\r\n",
    ),
    (
        "REGEDIT4 in a UTF-16 file",
        "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\K]\r\n\"a\"=\"1\"\r\n\"b\"=dword:2\r\n",
    ),
    (
        "values before any key",
        "Windows Registry Editor Version 5.00\r\n\r\n\"a\"=\"1\"\r\n[HKEY_CURRENT_USER\\K]\r\n\"b\"=\"2\"\r\n",
    ),
];
