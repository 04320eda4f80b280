#!/usr/bin/perl
# What a holder earned is frozen with the version: once a version is
# published, changing any frozen field (docs/content-format.md lists them)
# without raising "version" is an error naming the field, and changing a
# free field is not. A ledger written before the frozen set grew still
# builds (tests/sites/legacy-ledger, published by an older badgesite).
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Temp qw(tempdir);
use JSON::PP;

my $bin = abs_path(($ENV{BADGESITE_BUILD} || 'build') . '/badgesite');
my $tmp = tempdir(CLEANUP => 1);
my ($n, $fails) = (0, 0);
sub ok { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @d } $c }
sub run { my $out = `$_[0] 2>&1`; return ($? >> 8, $out) }
sub slurp { open(my $h, '<:raw', $_[0]) or return undef; local $/; my $d = <$h>; $d }
sub spew { open(my $h, '>:raw', $_[0]) or die "$_[0]: $!"; print $h $_[1]; close $h }

# the command that records the ledger
my $publish = 'publish';
$publish = 'build' unless `'$bin' --help 2>&1` =~ /^\s+publish\b/m;

my $site = "$tmp/published";
system("cp -r tests/sites/minimal '$site'") == 0 or die;
# a second issuer, so a badge can change hands
my $sj = decode_json(slurp("$site/site.json"));
$sj->{issuers}{other} = { name => 'Other Centre', url => 'https://other.test.example/',
                          email => 'badges@other.test.example', description => 'Another issuer.' };
spew("$site/site.json", JSON::PP->new->canonical->pretty->encode($sj));
my ($rc, $o) = run("'$bin' $publish '$site' -o '$tmp/out' --quiet");
ok($rc == 0 && -f "$site/content/published.txt", "the test site is published", $o) or exit 1;

# a badge file as (front matter, body)
sub read_badge {
    my ($f) = @_;
    my $d = slurp($f);
    $d =~ /\A(\{.*?\n\})\n(.*)\z/s or die "no front matter in $f";
    return (decode_json($1), $2);
}
sub write_badge {
    my ($f, $fm, $body) = @_;
    spew($f, JSON::PP->new->canonical->pretty->encode($fm) . $body);
}

# field => [badge, edit of (front matter, body ref)]
my @frozen = (
    [name => 'course-pass', sub { $_[0]{name} = 'Course Passed' }],
    [description => 'course-pass', sub { $_[0]{description} = 'Passed the course.' }],
    [narrative => 'course-pass', sub { ${$_[1]} =~ s/70%/75%/ or die }],
    [class => 'meetup', sub { $_[0]{class} = 'assessment'; $_[0]{hours} = 10;
                              $_[0]{assessment} = 'observation' }],
    [issuer => 'course-pass', sub { $_[0]{issuer} = 'other' }],
    [hours => 'course-pass', sub { $_[0]{hours} = 120 }],
    [credits => 'course-pass', sub { $_[0]{credits} = 5; $_[0]{hours} = 125 }],
    [assessment => 'unit-one', sub { $_[0]{assessment} = 'summative' }],
    [award_mode => 'course-pass', sub { $_[0]{award_mode} = 'assessed' }],
    [evidence => 'course-pass', sub { $_[0]{evidence} = 'A portfolio of the work.' }],
    [attendance => 'course-pass', sub { $_[0]{attendance} = 80 }],
    [pass_mark => 'course-pass', sub { $_[0]{pass_mark} = 75 }],
    [capstone => 'course-pass', sub { $_[0]{capstone} = JSON::PP::true }],
    [learning_outcomes => 'course-pass', sub { push @{$_[0]{learning_outcomes}}, 'Teach the test' }],
    [prerequisites => 'course-pass', sub { $_[0]{prerequisites} = 'Unit One first.' }],
    [participation => 'course-pass', sub { $_[0]{participation} = 'online' }],
    [level => 'course-pass', sub { $_[0]{level} = { framework => 'EQF', value => 5 } }],
    [alignment => 'meetup', sub { $_[0]{alignment}[0]{targetCode} = 'P2' }],
    [recipient => 'course-pass', sub { $_[0]{recipient} = 'organisation' }],
    [validity => 'course-pass', sub { $_[0]{validity} = 'Three years.' }],
    [stacks_into => 'unit-one', sub { delete $_[0]{stacks_into} }],
    [completion => 'course-pass', sub { $_[0]{completion} = { all_of => ['unit-one'] } }],
    [requires => 'course-pass', sub { $_[0]{requires} = ['meetup'] }],
);
my @free = (
    [tags => 'course-pass', sub { $_[0]{tags} = ['test', 'exam'] }],
    [category => 'course-pass', sub { $_[0]{category} = 'Exams' }],
    [programme => 'course-pass', sub { $_[0]{programme} = 'Assurance' }],
    [further_information => 'course-pass', sub { $_[0]{further_information} = 'https://centre.test.example/exam' }],
    [quality_assurance => 'course-pass', sub { $_[0]{quality_assurance} = 'Reviewed each year.' }],
    [identity_verification => 'course-pass', sub { $_[0]{identity_verification} = 'Photo ID at the exam.' }],
    [grade => 'course-pass', sub { $_[0]{grade} = 'Pass or merit.' }],
);

# every frozen field the product promises is tested here
my %tested = map { $_->[0] => 1 } @frozen;
my @promised = qw(name description narrative class issuer hours credits assessment award_mode
                  evidence attendance pass_mark capstone learning_outcomes prerequisites
                  participation level alignment recipient validity stacks_into
                  completion requires);
ok(!grep({ !$tested{$_} } @promised), "each promised frozen field has a case");
my $doc = slurp('docs/content-format.md') // '';
ok(!grep({ $doc !~ /`$_`/ } @promised, map { $_->[0] } @free),
   "docs/content-format.md names every frozen and free field");

sub try {
    my ($field, $id, $change) = @_;
    my $s = "$tmp/try-$field";
    system("rm -rf '$s' && cp -r '$site' '$s'") == 0 or die;
    my $f = "$s/content/badges/$id.md";
    my ($fm, $body) = read_badge($f);
    $change->($fm, \$body);
    write_badge($f, $fm, $body);
    my @r = run("'$bin' check '$s'");
    system("rm -rf '$s'");
    return @r;
}

for my $c (@frozen) {
    my ($field, $id) = @$c;
    ($rc, $o) = try(@$c);
    my ($what) = $o =~ /version 1 of '\Q$id\E' is already published, and its (.*?) changed/;
    ok($rc == 1 && defined $what && grep({ $_ eq $field } split /, /, $what)
       && $o =~ /raise "version" to 2/,
       "changing $field of a published version is refused, naming $field", $o);
}
for my $c (@free) {
    my ($field) = @$c;
    ($rc, $o) = try(@$c);
    ok($rc == 0 && $o !~ /already published/, "changing $field is free", $o);
}

# the same change with a new version builds, and version 1 stays
{
    my $f = "$site/content/badges/course-pass.md";
    my ($fm, $body) = read_badge($f);
    $fm->{award_mode} = 'assessed';
    $fm->{version} = 2;
    write_badge($f, $fm, $body);
    ($rc, $o) = run("'$bin' build '$site' -o '$tmp/out' --quiet");
    ok($rc == 0 && -f "$tmp/out/badges/course-pass/v2/index.html"
       && (slurp("$tmp/out/badges/course-pass/v2/index.html") // '') =~ /award_mode/,
       "with \"version\": 2 it builds, and the history names what changed", $o);
}

# a ledger from before the frozen set grew
{
    my $s = "$tmp/legacy";
    system("cp -r tests/sites/legacy-ledger '$s'") == 0 or die;
    ($rc, $o) = run("'$bin' build '$s' -o '$tmp/out-legacy' --quiet");
    ok($rc == 0, "a site published by an older badgesite builds unchanged", $o);
    my ($fm, $body) = read_badge("$s/content/badges/course-pass.md");
    $fm->{hours} = 120;
    write_badge("$s/content/badges/course-pass.md", $fm, $body);
    ($rc, $o) = run("'$bin' check '$s'");
    ok($rc == 1 && $o =~ /its hours changed/, "and its older frozen fields are still guarded", $o);
    system("cp -r tests/sites/legacy-ledger/content/badges '$s/content/'") == 0 or die;
    my $before = slurp("tests/sites/legacy-ledger/content/published.txt");
    ($rc, $o) = run("'$bin' $publish '$s' -o '$tmp/out-legacy' --quiet");
    my $after = slurp("$s/content/published.txt") // '';
    ok($rc == 0 && $after ne $before && $after =~ m{^/badges/course-pass/ fnv1a64:}m,
       "publishing it records the hash of every frozen field", $o);
    ($fm, $body) = read_badge("$s/content/badges/course-pass.md");
    $fm->{award_mode} = 'assessed';
    write_badge("$s/content/badges/course-pass.md", $fm, $body);
    ($rc, $o) = run("'$bin' check '$s'");
    ok($rc == 1 && $o =~ /its award_mode changed/, "after which the new frozen fields are guarded too", $o);
}

print "1..$n\n";
exit($fails ? 1 : 0);
