#!/usr/bin/perl
# EU micro-credentials: a class with "eu_microcredential": true shows the
# mandatory elements of the Council Recommendation of 16 June 2022 in one
# labelled block, in the Recommendation's order; its BadgeClass carries
# them; a missing element is an error naming it, and an issuer without a
# country is reported once. Built from the fixtures under tests/cases/.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Temp qw(tempdir);
use JSON::PP;

my $bin = abs_path(($ENV{BADGESITE_BUILD} || 'build') . '/badgesite');
my $tmp = tempdir(CLEANUP => 1);
my ($n, $fails) = (0, 0);
sub ok($$;@) { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @d } $c }
sub run { my $out = `$_[0] 2>&1`; return ($? >> 8, $out) }
sub slurp { open(my $h, '<:raw', $_[0]) or return undef; local $/; my $d = <$h>; $d }
sub spew { open(my $h, '>:raw', $_[0]) or die "$_[0]: $!"; print $h $_[1]; close $h }
sub edit { my ($f, $from, $to) = @_; my $d = slurp($f); $d =~ s/\Q$from\E/$to/ or die "no '$from' in $f"; spew($f, $d) }

# the minimal site with a case laid over it
sub site_of {
	my ($case, $name) = @_;
	my $site = "$tmp/$name";
	system("cp -r tests/sites/minimal '$site' && cp -r tests/cases/$case/site/. '$site/'") == 0 or die;
	return $site;
}

print "1..13\n";

my $site = site_of('ok-eu-microcredential', 'ok');
my ($rc, $o) = run("'$bin' build '$site' -o '$tmp/out' --quiet");
ok($rc == 0, "a site with an EU micro-credential class builds", $o);

my $page = slurp("$tmp/out/badges/course-pass/index.html") // '';
my ($block) = $page =~ m{(<section class="eu-mc" aria-labelledby="eu-mc">.*?</section>)}s;
ok(defined $block && $block =~ m{<h2 id="eu-mc">EU micro-credential</h2>},
   "the criteria page has one block labelled by its heading");
my @got = ($block // '') =~ m{<dt>([^<]*)</dt>}g;
my @want = ('Identification of the learner', 'Title of the micro-credential',
	    'Country of the awarding body', 'Awarding body', 'Date of issue',
	    'Learning outcomes', 'Notional workload', 'Level',
	    'Type of assessment', 'Form of participation',
	    'Type of quality assurance');
ok("@got" eq "@want", "the block lists the elements in the Recommendation's order",
   "got:  @got", "want: @want");
my %dd = ($block // '') =~ m{<dt>([^<]*)</dt><dd>(.*?)</dd>}g;
ok(($dd{'Title of the micro-credential'} // '') eq 'Course Pass'
   && ($dd{'Country of the awarding body'} // '') eq 'Belgium'
   && ($dd{'Awarding body'} // '') =~ /Test Centre/
   && ($dd{'Learning outcomes'} // '') eq '<ul><li>Explain the test</li><li>Apply the test</li></ul>'
   && ($dd{'Notional workload'} // '') eq '100 learning hours (4 test credits)'
   && ($dd{'Level'} // '') eq 'EQF 4'
   && ($dd{'Type of assessment'} // '') eq 'Summative assessment'
   && ($dd{'Form of participation'} // '') eq 'Blended: online and on site'
   && ($dd{'Type of quality assurance'} // '') eq 'Reviewed every year by the test board.'
   && ($dd{'Identification of the learner'} // '') =~ /on each award/
   && ($dd{'Date of issue'} // '') =~ /on each award/,
   "each element shows its value; the learner and the date are on each award",
   map { "$_: " . ($dd{$_} // '(none)') } @want);
my @blocks = $page =~ /aria-labelledby="eu-mc"/g;
ok(@blocks == 1, "exactly one block");
ok(index(slurp("$tmp/out/badges/unit-one/index.html") // 'eu-mc', 'eu-mc') < 0,
   "a badge of another class has no block");

my $bc = eval { decode_json(slurp("$tmp/out/badges/course-pass/badge.json")) } // {};
my $ext = $bc->{(grep { /#FrameworkExtension$/ } keys %$bc)[0] // 'none'} // {};
my @missing = grep { !defined $ext->{$_} } qw(euMicroCredential awardingBodyCountry
	learningOutcomes hours credits creditSystem levelFramework level
	assessment participation qualityAssurance);
ok(!@missing && $ext->{euMicroCredential} && $ext->{awardingBodyCountry} eq 'Belgium'
   && $bc->{name} eq 'Course Pass' && $bc->{issuer},
   "the BadgeClass carries every element (title, issuer, and the extension terms)",
   "missing: @missing");
my $ctx = eval { decode_json(slurp("$tmp/out/contexts/framework-v1.jsonld")) } // {};
ok($ctx->{'@context'}{euMicroCredential} && $ctx->{'@context'}{awardingBodyCountry},
   "the extension context defines the new terms");
my $other = eval { decode_json(slurp("$tmp/out/badges/unit-one/badge.json")) } // {};
ok(!exists $other->{(grep { /#FrameworkExtension$/ } keys %$other)[0] // 'none'}{euMicroCredential},
   "another class's BadgeClass has no marker");

edit("$site/content/badges/course-pass.md", '"level": { "framework": "EQF", "value": "4" }', '"level": "none"');
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out2' --quiet");
$page = slurp("$tmp/out2/badges/course-pass/index.html") // '';
$bc = eval { decode_json(slurp("$tmp/out2/badges/course-pass/badge.json")) } // {};
ok($rc == 0 && $page =~ m{<dt>Level</dt><dd>Not referenced to a qualifications framework</dd>}
   && ($bc->{(grep { /#FrameworkExtension$/ } keys %$bc)[0] // 'none'}{level} // '') eq 'none',
   'level "none" is an element given', $o);

($rc, $o) = run("cd '$site' && '$bin' new badge mc-draft --class achievement && '$bin' check --drafts");
my $draft = slurp("$site/content/badges/mc-draft.md") // '';
ok($rc == 0 && $draft =~ /"level"/ && $draft =~ /"participation"/ && $draft =~ /"quality_assurance"/,
   "'new badge' drafts every element of an EU micro-credential class", $o, $draft);

$site = site_of('err-eu-microcredential-missing', 'err');
($rc, $o) = run("'$bin' build '$site' -o '$tmp/out3' --quiet");
my @named = map { $o =~ /element '\Q$_\E' is missing/ ? () : $_ }
	('title', 'learning outcomes', 'notional workload', 'level',
	 'type of assessment', 'form of participation', 'type of quality assurance');
ok($rc == 1 && !@named, "each missing element is an error naming it", "not named: @named", $o);
my @country = $o =~ /^(site\.json:\d+:\d+: error: issuer 'centre' awards .*)$/mg;
ok(@country == 1 && $country[0] =~ /^site\.json:8:5: .*2 EU micro-credentials/,
   "an issuer without a country is reported once, at its line in site.json", $o);

exit($fails ? 1 : 0);
