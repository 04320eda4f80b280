#!/usr/bin/perl
# Awards (content/awards/): hosted Open Badges 2.0 assertions with salted
# recipient hashes from a secret kept outside the site, stable ids and
# bytes, baked PNG and SVG images that unbake to the assertion URL, earner
# pages that show a name only when the earner agreed and no recipient
# anywhere, revocation, the secret's rules, errors at file:line:column that
# publish nothing, and permanence: published awards stay, pinned to the
# badge version they were published with.
use strict;
use warnings;
use Cwd qw(abs_path);
use Digest::SHA qw(sha256_hex);
use File::Temp qw(tempdir);

my $bin = abs_path(($ENV{BADGESITE_BUILD} || 'build') . '/badgesite');
my $tmp = tempdir(CLEANUP => 1);
my ($n, $fails) = (0, 0);
sub ok($$;@) { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @d } $c }
sub run { my $out = `$_[0] 2>&1`; return ($? >> 8, $out) }
sub slurp { open(my $h, '<:raw', $_[0]) or return undef; local $/; my $d = <$h>; $d }
sub spew { open(my $h, '>:raw', $_[0]) or die "$_[0]: $!"; print $h $_[1]; close $h }
sub tree {
    my ($dir) = @_;
    my %h;
    for my $f (split /\n/, `cd '$dir' && find . -type f | LC_ALL=C sort`) { $h{$f} = slurp("$dir/$f") }
    return \%h;
}
sub json_field { my ($text, $k) = @_; return $text =~ /"\Q$k\E": "([^"]*)"/ ? $1 : undef }
# the iTXt "openbadges" chunk of a PNG, read chunk by chunk, CRCs ignored
sub unbake_png {
    my ($d) = @_;
    return undef unless defined $d && substr($d, 0, 8) eq "\x89PNG\r\n\x1a\n";
    my $o = 8;
    while ($o + 12 <= length $d) {
        my ($len, $type) = unpack('Na4', substr($d, $o, 8));
        my $data = substr($d, $o + 8, $len);
        return $1 if $type eq 'iTXt' && $data =~ /^openbadges\0\0\0[^\0]*\0[^\0]*\0(.*)\z/s;
        $o += 12 + $len;
    }
    return undef;
}

my $site = "$tmp/site";
mkdir $site or die;
system("cp -r tests/sites/minimal/site.json tests/sites/minimal/content '$site/'") == 0 or die;
mkdir "$site/content/awards" or die;
my $secret = "$tmp/secret";
spew($secret, "a-test-secret-that-is-long-enough\n");
chmod 0600, $secret;
my $out = "$tmp/out";
my %who = (ada => 'Ada.Lovelock@Learners.Test', ben => 'https://ben.learners.test/me',
           cy => '+15555550199', dot => 'dot@learners.test');
# show_name as spreadsheets write it (Yes, No)
my $csv = <<"EOF";
badge,recipient,name,show_name,issued,expires,evidence_url,evidence_narrative
unit-one,$who{ada},Ada Lovelock,Yes,2025-10-14,2027-10-14,https://evidence.test/ada,"Observed twice, ""well done"""
unit-one,$who{ben},Quentin Hushwater,No,2025-10-14,,,
meetup,$who{cy},,,2025-11-02,,,"Came to both
evenings."
EOF
spew("$site/content/awards/2025-a.csv", $csv);

my ($rc, $o) = run("'$bin' build '$site' -o '$out' --secret '$secret' --quiet");
ok($rc == 0 && $o !~ /preview/, "a site with a batch of awards builds with the secret, no preview note", $o);
my @json = sort glob("$out/awards/*.json");
ok(@json == 3, "one assertion per row", join(' ', @json));
my %by;    # recipient key -> assertion text
for my $f (@json) {
    my $t = slurp($f);
    my ($id) = $f =~ m{/awards/([0-9a-f]{16})\.json$};
    ok($id && -f "$out/awards/$id/index.html" && -f "$out/awards/$id/badge.png" && -f "$out/awards/$id/badge.svg",
       "award $id: earner page and baked images beside its assertion");
    my $salt = json_field($t, 'salt') // '';
    for my $k (keys %who) {
        my $norm = $who{$k} =~ /@/ ? lc $who{$k} : $who{$k};
        $by{$k} = { id => $id, text => $t, salt => $salt } if ($t =~ /"identity": "sha256\$([0-9a-f]+)"/ && $1 eq sha256_hex($norm . $salt));
    }
}
ok(keys(%by) == 3, "each identity is sha256 of the recipient (emails in lower case) and the salt", join(',', keys %by));
# a rebuild links each award's baked images from the cache (a badge's
# images baked with the award's URL are kept like any output), byte for byte
my %first = map { $_ => slurp($_) } glob("$out/awards/*/badge.{png,svg}");
($rc, $o) = run("'$bin' build '$site' -o '$out' --secret '$secret'");
my @baked = glob("$out/awards/*/badge.{png,svg}");
my %cached = map { ((stat($_))[1] => 1) } glob("$site/.badgesite-cache/*");
ok($rc == 0 && @baked == 6 && !grep({ !$cached{(stat($_))[1]} || slurp($_) ne ($first{$_} // '') } @baked),
   "a rebuild links each award's baked images from the cache, byte for byte", $o);
ok(!grep({ $_->{salt} =~ /^preview|^$/ || length($_->{salt}) < 32 } values %by), "salts are secret-derived, 128 bits");
my $ada = $by{ada} || {};
ok(($ada->{text} // '') =~ /"type": "email"/ && ($by{ben}{text} // '') =~ /"type": "url"/ && ($by{cy}{text} // '') =~ /"type": "telephone"/,
   "recipient types: email, url, telephone");
ok(($ada->{text} // '') =~ m{"badge": "https://badges\.test\.example/fw/badges/unit-one/badge\.json"}
   && $ada->{text} =~ /"verification": \{\s*"type": "hosted"/ && $ada->{text} =~ /"issuedOn": "2025-10-14T00:00:00Z"/
   && $ada->{text} =~ /"expires": "2027-10-14T00:00:00Z"/ && $ada->{text} =~ m{"id": "https://evidence\.test/ada"}
   && $ada->{text} =~ /"narrative": "Observed twice, \\"well done\\""/,
   "the assertion: badge, hosted verification, dates, evidence", $ada->{text} // '');

# no recipient anywhere in the output, in any form
my $all = tree($out);
my @leaks;
for my $w (values %who) {
    for my $form ($w, lc $w, uc $w, join('', map { sprintf '%%%02X', ord } split //, '@') =~ s/^/(split '@', lc $w)[0]/r) {
        next unless length $form > 3;
        push @leaks, "$form in " . join(' ', grep { index($all->{$_}, $form) >= 0 } keys %$all) if grep { index($all->{$_}, $form) >= 0 } keys %$all;
    }
}
ok(!@leaks, "no recipient appears anywhere in the output", @leaks);
ok(!grep({ index($all->{$_}, 'Quentin Hushwater') >= 0 } keys %$all), "an earner who did not agree is named nowhere");
my $page = slurp("$out/awards/$ada->{id}/index.html") // '';
ok($page =~ /Ada Lovelock/ && $page =~ /<meta name="robots" content="noindex">/ && $page =~ /14 October 2025/,
   "the earner page names an earner who agreed, gives the date, and is noindex");
ok($page =~ /certId=$ada->{id}/ && $page =~ /certUrl=https%3A%2F%2Fbadges\.test\.example%2Ffw%2Fawards%2F$ada->{id}%2F/,
   "its LinkedIn link carries the award's URL and id");
ok((slurp("$out/sitemap.xml") // '') !~ m{/awards/}, "earner pages are not in the sitemap");
ok($page =~ /who knows the earner's email address can/ && (slurp("$out/awards/$by{cy}{id}/index.html") // '') =~ /who knows the earner's telephone number can/
   && (slurp("$out/awards/$by{ben}{id}/index.html") // '') =~ /who knows the earner's web address can/,
   "how to verify names what the earner is known by: email, telephone or web address");

# baked images
my $aurl = "https://badges.test.example/fw/awards/$ada->{id}.json";
{
    my $png = slurp("$out/awards/$ada->{id}/badge.png");
    ok((unbake_png($png) // '') eq $aurl, "the baked PNG gives back the assertion URL", unbake_png($png) // 'none');
    ok(!defined unbake_png(slurp("$out/badges/unit-one/badge.png")), "the badge's own PNG stays unbaked");
    my $x = `xmllint --xpath 'string(/*[local-name()="svg"]/*[1][local-name()="assertion" and namespace-uri()="http://openbadges.org"]/\@verify)' '$out/awards/$ada->{id}/badge.svg' 2>&1`;
    chomp $x;
    ok($x eq $aurl, "the baked SVG's first child is openbadges:assertion with the URL", $x);
}
my $iss = slurp("$out/issuers/centre.json") // '';
ok($iss =~ m{"revocationList": "https://badges\.test\.example/fw/issuers/[a-z0-9-]+\.revocations\.json"},
   "the issuer's Profile names its revocation list", $iss);

# same bytes: again, in another row order, and with -j 1
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out2' --secret '$secret' --quiet -j 1 --no-cache");
my $t2 = tree("$tmp/out2");
my @diff = grep { !defined $t2->{$_} || $t2->{$_} ne $all->{$_} } keys %$all;
ok($rc == 0 && !@diff, "a rebuild gives the same bytes", $o, @diff);
my @rows = split /\n(?=[a-z-]+,)/, $csv;
my $head = shift @rows;
spew("$site/content/awards/2025-a.csv", join("\n", $head, reverse map { s/\n\z//r } @rows) . "\n");
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out3' --secret '$secret' --quiet");
my $t3 = tree("$tmp/out3");
@diff = grep { m{^\./awards/} && (!defined $t3->{$_} || $t3->{$_} ne $all->{$_}) } keys %$all;
ok($rc == 0 && !@diff && keys(%$t3) == keys(%$all), "rows in another order give the same ids and bytes", $o, @diff);
spew("$site/content/awards/2025-a.csv", $csv);

# another secret: other salts, the same ids; the environment names it too
spew("$tmp/secret2", "another-secret-entirely-different\n");
chmod 0600, "$tmp/secret2";
($rc, $o) = run("BADGESITE_AWARD_SECRET='$tmp/secret2' '$bin' build '$site' -o '$tmp/out4' --quiet");
my $a4 = slurp("$tmp/out4/awards/$ada->{id}.json") // '';
ok($rc == 0 && $a4 && json_field($a4, 'salt') ne $ada->{salt}, "BADGESITE_AWARD_SECRET names the secret; another secret, other salts, the same ids", $o);

# the secret's rules
chmod 0644, $secret;
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out5' --secret '$secret' --quiet");
ok($rc == 1 && $o =~ /\Q$secret\E: error: the award secret may be read by others/ && $o =~ /chmod 600/, "a secret others may read is refused", $o);
ok(!-e "$tmp/out5", "and nothing is published");
chmod 0600, $secret;
spew("$site/secret", "a-secret-inside-the-site-folder!!\n");
chmod 0600, "$site/secret";
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out5' --secret '$site/secret' --quiet");
ok($rc == 1 && $o =~ /inside the site's folder/, "a secret inside the site is refused", $o);
unlink "$site/secret";
spew("$tmp/short", "short\n");
chmod 0600, "$tmp/short";
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out5' --secret '$tmp/short' --quiet");
ok($rc == 1 && $o =~ /shorter than 16 bytes/, "a short secret is refused", $o);

# without a secret: a preview with a note; publish refuses
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out6'");
my $p6 = slurp("$tmp/out6/awards/$ada->{id}.json") // '';
ok($rc == 0 && $o =~ /note: no award secret/ && json_field($p6, 'salt') =~ /^preview-/, "without the secret, build previews with marked salts and a note", $o);
ok((slurp("$tmp/out6/awards/$ada->{id}/index.html") // '') =~ /Preview\./, "and the earner page says it is a preview");
($rc, $o) = run("'$bin' publish '$site' -o '$tmp/out6'");
ok($rc == 1 && $o =~ /publishing awards needs the award secret/ && !-e "$site/content/published.txt", "publish without the secret is refused", $o);

# errors name file:line:column, and a bad row publishes nothing
my $bad = $csv =~ s/2025-11-02/2025-13-02/r;
$bad =~ s/unit-one,\Q$who{ben}\E/unit-on,$who{ben}/;
spew("$site/content/awards/2025-a.csv", $bad);
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out7' --secret '$secret' --quiet");
ok($rc == 1 && $o =~ m{content/awards/2025-a\.csv:3:1: error: no badge 'unit-on'} && $o =~ /did you mean 'unit-one'/,
   "an unknown badge: file:line:column and a suggestion", $o);
ok($o =~ m{content/awards/2025-a\.csv:4:\d+: error: the issue date is not a date}, "a bad date: its line and column", $o);
ok(!-e "$tmp/out7", "one bad row publishes nothing");
spew("$site/content/awards/2025-a.csv", $csv . "unit-one,$who{ada},,,2025-10-14,,,\n");
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out7' --secret '$secret' --quiet");
ok($rc == 1 && $o =~ m{2025-a\.csv:6:1: error: this row awards the same as content/awards/2025-a\.csv:2}, "a repeated award names both lines", $o);
spew("$site/content/awards/2025-a.csv", "badge,recipient,isued\nunit-one,$who{dot},2025-01-01\n");
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out7' --secret '$secret' --quiet");
ok($rc == 1 && $o =~ /2025-a\.csv:1:17: error: unknown column 'isued'/ && $o =~ /did you mean 'issued'/, "an unknown column, with a suggestion", $o);
spew("$site/content/awards/2025-a.csv", $csv);

# revocation
spew("$site/content/awards/revoked.csv", "award,reason,date\n$by{ben}{id},Awarded by mistake.,2025-12-01\n");
($rc, $o) = run("'$bin' build '$site' -o '$out' --secret '$secret' --quiet");
my $rv = slurp("$out/awards/$by{ben}{id}.json") // '';
ok($rc == 0 && $rv =~ /"revoked": true/ && $rv =~ /"revocationReason": "Awarded by mistake\."/ && $rv !~ /recipient|badge"/,
   "a revoked award's assertion is the revoked form at the same URL", $o, $rv);
my ($rl) = map { slurp($_) } glob("$out/issuers/*.revocations.json");
ok(($rl // '') =~ m{"id": "https://badges\.test\.example/fw/awards/$by{ben}{id}\.json",\s*"revocationReason": "Awarded by mistake\."}, "the revocation list lists it", $rl // '');
ok((slurp("$out/awards/$by{ben}{id}/index.html") // '') =~ /This award was revoked on 1 December 2025/, "its earner page says so");
spew("$site/content/awards/revoked.csv", "award,reason,date\nffffffffffffffff,x,2025-12-01\n");
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out8' --secret '$secret' --quiet");
ok($rc == 1 && $o =~ m{revoked\.csv:2:1: error: no award has this id}, "revoking an unknown award is an error", $o);
spew("$site/content/awards/revoked.csv", "award,reason,date\n$by{ben}{id},Awarded by mistake.,2025-12-01\n");

# the list of awards to send: one CSV row per award in batch order
my $list = `'$bin' awards '$site' --secret '$secret' 2>/dev/null`;
my @lines = split /\r\n/, $list;
ok($? == 0 && @lines == 4 && $lines[0] eq 'batch,line,badge,version,award,page,assertion,credential,status',
   "badgesite awards prints a header and a row per award", $list);
ok(($lines[1] // '') eq "content/awards/2025-a.csv,2,unit-one,1,$ada->{id},https://badges.test.example/fw/awards/$ada->{id}/,https://badges.test.example/fw/awards/$ada->{id}.json,,awarded"
   && ($lines[2] // '') =~ m{^content/awards/2025-a\.csv,3,unit-one,1,$by{ben}{id},.*,revoked$} && ($lines[3] // '') =~ /^content\/awards\/2025-a\.csv,4,meetup,/,
   "rows in the batch's order with the award's URLs and status", $list);
ok(!grep({ index($list, $_) >= 0 } values %who) && index($list, 'Ada') < 0, "no recipient or name in the list");
spew("$site/content/awards/revoked.csv", "award,reason,date\nffffffffffffffff,x,2025-12-01\n");
$list = `'$bin' awards '$site' --secret '$secret' 2>&1`;
ok($? >> 8 == 1 && $list =~ /no award has this id/ && $list !~ /^batch,/m, "a site with errors lists nothing", $list);
spew("$site/content/awards/revoked.csv", "award,reason,date\n$by{ben}{id},Awarded by mistake.,2025-12-01\n");

# permanence: publish records the awards; a row removed fails; a badge's
# new version leaves its published awards on the version they were of
($rc, $o) = run("'$bin' publish '$site' -o '$out' --secret '$secret' --quiet");
my $ledger = slurp("$site/content/published.txt") // '';
ok($rc == 0 && $ledger =~ m{^/awards/$ada->{id}/ fnv1a64:[0-9a-f]{16}/v1$}m && $ledger =~ m{^/awards/$ada->{id}\.json$}m
   && $ledger =~ m{^/awards/$ada->{id}/badge\.png$}m, "publish records each award with its frozen hash and version", $o);
spew("$site/content/awards/2025-a.csv", join("\n", $head, grep { !/^unit-one,\Q$who{ada}\E/ } @rows));
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out9' --secret '$secret' --quiet");
ok($rc == 1 && $o =~ m{would drop the published URL /awards/$ada->{id}\S* and \d+ more of award $ada->{id}} && $o =~ /only revoked/ && (() = $o =~ /would drop/g) == 1,
   "a published award's row cannot go: revoke it instead (one error for its URLs)", $o);
spew("$site/content/awards/2025-a.csv", $csv);
my $badge = slurp("$site/content/badges/unit-one.md");
spew("$site/content/badges/unit-one.md", $badge =~ s/"hours": 20,/"hours": 20,\n  "version": 2,/r =~ s/Be observed doing the task\./Be observed doing the task twice./r);
spew("$site/content/awards/2025-a.csv", $csv . "unit-one,$who{dot},,,2026-01-10,,,\n");
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out10' --secret '$secret' --quiet");
my $a10 = slurp("$tmp/out10/awards/$ada->{id}.json") // '';
ok($rc == 0 && $a10 =~ m{"badge": "https://badges\.test\.example/fw/badges/unit-one/badge\.json"}, "after a new version of its badge, a published award keeps the version it was of", $o, $a10);
my ($new) = grep { (slurp($_) // '') =~ /2026-01-10/ } glob("$tmp/out10/awards/*.json");
ok(($new ? slurp($new) : '') =~ m{"badge": "https://badges\.test\.example/fw/badges/unit-one/v2/badge\.json"}, "a new award takes the current version");
spew("$site/content/awards/2025-a.csv", $csv =~ s/(unit-one,\Q$who{ada}\E,[^\n]*?)2027-10-14/${1}2028-10-14/r);
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out11' --secret '$secret' --quiet");
ok($rc == 1 && $o =~ /award $ada->{id} was published with other fields/, "a published award's dates cannot change", $o);

print "1..$n\n";
exit($fails ? 1 : 0);
