#!/usr/bin/env python3
# Regenerates Sources/Crypto/Password/CommonPasswords.swift from john-data's password.lst:
#   apt-get install -y john-data && python3 Tests/tools/generate-common-passwords.py Sources/Crypto/Password/CommonPasswords.swift
import sys
src = "/usr/share/john/password.lst"
entries = []
seen = set()
def add(word):
    w = word.lower()
    if len(w) < 8 or w in seen: return
    assert all(' ' < c <= '~' for c in w) and '"""' not in w, w
    seen.add(w); entries.append(w)
for line in open(src, encoding="latin-1"):
    line = line.rstrip("\n")
    if line.startswith("#!comment"): continue
    add(line)
    if len(entries) >= 3000: break
john = len(entries)
extras = """password 12345678 123456789 1234567890 password1 password12 password123 password1234 passw0rd p@ssw0rd
p@ssword p@55w0rd pa55word pa55w0rd qwertyuiop qwerty12 qwerty123 qwerty1234 qwertyui qwerty12345 1q2w3e4r 1q2w3e4r5t
1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 1qaz2wsx 1qaz2wsx3edc zaq12wsx zaq1zaq1 zaq1xsw2 asdfghjkl asdfghjk
zxcvbnm1 zxcvbnm123 iloveyou iloveyou1 iloveyou2 iloveyou123 11111111 111111111 1111111111 00000000 000000000 0000000000
22222222 33333333 44444444 55555555 66666666 77777777 88888888 99999999 12341234 11223344 12344321 87654321 123123123
123321123 147258369 159753456 123456789a 123456789q 12345678a 12345678910 0123456789 987654321 9876543210 abc12345
abcd1234 abcdefgh abcdefg1 a1234567 aa123456 aa12345678 admin123 admin1234 administrator adminadmin rootroot root1234
letmein1 letmein123 welcome1 welcome123 welcome2 changeme1 changeme123 default1 secret123 superman1 starwars1
football1 baseball1 princess1 sunshine1 monkey123 dragon123 master123 shadow123 michael1 jordan23 liverpool
chelsea1 arsenal1 manchester 1234qwer qwer1234 asdf1234 zxcv1234 1234abcd abcd12345 test1234 testtest test12345
guest123 user1234 login123 pass1234 password! password1! password2 password01 password11 password99 passwort
motdepasse contrasena senha123 parola123 internet1 computer1 trustno1 whatever1 blink182 myspace1 linkedin
facebook facebook1 google123 samsung1 sunflower1 butterfly chocolate flower123 lovely123 iloveu123 babygirl1
princesa jesus123 jesuschrist blessed1 freedom1 hello123 hellokitty helloworld summer2023 summer2024 winter2023
winter2024 spring2024 autumn2024 january1 december1 scimd123 scimdadmin scimadmin
qazwsxedc qazwsx123 1qazxsw2 12qwaszx qweasdzxc 123qweasd 123qweasdzxc 1q2w3e4r5t6y7u qwertyuiop123 asdfghjkl123
zxcvbnm123 12345qwert qwert12345 1234554321 123654789 147852369 741852963 963852741 1029384756 5201314520
01012000 01011980 01011990 12121212 13131313 69696969 12312312 123456123 1234512345 0987654321
minecraft passport infinity superstar password2020 password2023 password2024 qwerty2024 abcdefghij""".split()
for w in extras: add(w)
body = "\n".join(entries)
header = ("// Generated: do not edit by hand. %d common passwords of at least 8 characters, lowercased:\n"
"// the first %d such entries of Openwall's password.lst (public domain; Debian package `john-data`,\n"
"// /usr/share/john/password.lst, comment lines skipped, most common first; it has no more) plus\n"
"// %d well-known ones it lacks (e.g. `password123`, `qwertyuiop`). Made by Tests/tools/generate-common-passwords.py.\n") % (len(entries), john, len(entries) - john)
out = (header + "\n"
"/// The common-password blocklist behind `PasswordPolicy` (ASVS 6.2.4).\n"
"enum CommonPasswords {\n"
"    /// Split once, on first use.\n"
"    static let set: Set<String> = Set(text.split(separator: \"\\n\").map(String.init))\n"
"\n"
"    private static let text = #\"\"\"\n"
+ body + "\n"
"\"\"\"#\n"
"}\n")
open(sys.argv[1], "w").write(out)
print(john, len(entries), len(out.encode()))
