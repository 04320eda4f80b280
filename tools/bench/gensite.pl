#!/usr/bin/perl
# gensite.pl: writes a synthetic framework site for the bench: badges of
# every class of the example framework (fields its rules ask for, about
# 1.5 KB of criteria), glossary terms and free pages over 20 sections.
#
#   perl tools/bench/gensite.pl DIR [--pages N] [--rich] [--badges N] [--terms N]
#                                   [--awards N] [--hugo HUGODIR]
#
# DIR gets the example's site.json, framework.json and visual-language
# spec; --hugo also writes HUGODIR, a Hugo site holding byte for byte the
# same free pages (Hugo reads JSON front matter) and a layout equivalent to
# badgesite's page layout. --rich makes the free pages longer and fuller
# (about 3.3 KB: three levels of headings, bullet, nested and numbered
# lists, two tables, a fenced code block and inline code, a block quote,
# links to other pages, to the framework and out of the site). Everything
# depends only on the arguments, so the same arguments always give the
# same files.
use strict;
use warnings;
use File::Path qw(make_path);
use File::Basename qw(dirname);
use Cwd qw(abs_path);
use Getopt::Long;

my ($pages, $badges, $terms, $hugo, $awards, $rich) = (0, 0, 20, undef, 0, 0);
GetOptions('pages=i' => \$pages, 'badges=i' => \$badges, 'rich' => \$rich,
           'terms=i' => \$terms, 'hugo=s' => \$hugo, 'awards=i' => \$awards)
    and @ARGV == 1 or die "usage: gensite.pl DIR [--pages N] [--rich] [--badges N] [--terms N] [--awards N] [--hugo DIR]\n";
my $dir = $ARGV[0];
my $repo = abs_path(dirname(__FILE__) . '/../..');
my $sections = 20;

sub spew {
    my ($f, $d) = @_;
    make_path(dirname($f));
    open(my $h, '>', $f) or die "$f: $!";
    print $h $d;
    close $h or die "$f: $!";
}
sub slurp { my ($f) = @_; open(my $h, '<', $f) or die "$f: $!"; local $/; return <$h> }

# JSON string literal (the generated text holds no control characters)
sub js { my ($s) = @_; $s =~ s/(["\\])/\\$1/g; return "\"$s\"" }

my @topics = ('social dialogue', 'project cycle management', 'digital learning design',
              'gender equality', 'occupational safety', 'green jobs', 'labour statistics',
              'skills anticipation', 'facilitation', 'monitoring and evaluation',
              'public procurement', 'leadership');
my @programmes = map { "Programme $_" } ('A' .. 'O');
my @verbs = qw(Explain Apply Analyse Design Evaluate Plan Draft Compare Facilitate Review);

# Criteria narrative of about 1.5 KB: headings, a numbered list, emphasis,
# a link from the site root, a GFM table, varying with $i so that no two
# pages are the same text.
sub criteria {
    my ($i, $what, $link) = @_;
    my $t = $topics[$i % @topics];
    my $u = $topics[($i * 7 + 3) % @topics];
    return "This $what recognises work on **$t** done in unit $i, and how it connects "
         . "to $u in the participant's own organisation.\n\n"
         . "## What to do\n\n"
         . "1. Work through the readings of unit $i on $t and note *three* questions you would ask a colleague.\n"
         . "2. Take part in the group session and share one example from your own work.\n"
         . "3. Submit a short reflection (" . (300 + $i % 400) . " words) on what you would change.\n"
         . "4. Comment on the reflections of two other participants.\n\n"
         . "## How it is checked\n\n"
         . "A facilitator reads each reflection and checks that it names a concrete "
         . "situation, explains what was tried and says what happened. Reflections that "
         . "only summarise the readings are returned once with comments. Peer comments "
         . "are not graded, but they must be *specific* and respectful.\n\n"
         . "| step | who checks | when |\n|---|---|---|\n"
         . "| reflection | facilitator | within " . (5 + $i % 10) . " working days |\n"
         . "| peer comments | facilitator | at the end of the unit |\n"
         . "| attendance | platform log | during the session |\n\n"
         . "## Why it matters\n\n"
         . "People who finish this unit are better prepared to discuss $t with "
         . "colleagues, employers and workers' representatives, and to turn what they "
         . "learned into a small, visible change at work. Most finish it in "
         . "two to four weeks next to their job; the facilitator can agree a longer "
         . "plan with anyone who needs one, for example after leave or a change of role. See $link for how it fits "
         . "with the rest of the framework.\n";
}

# Class of badge $i: a fixed mix over 50 badges, roughly as a training
# centre's catalogue would look (many small badges, few diplomas).
my @mix = ((('diploma') x 1), (('achievement') x 4), (('assessment') x 10),
           (('participation') x 4), (('completion') x 10), (('event') x 7),
           (('membership') x 4), (('community') x 4), (('award') x 3),
           (('organisation') x 3));
my @award_modes = ('automatic', 'evidence-reviewed', 'self-declared', 'peer');

sub credits { my ($h) = @_; return int($h / 25) }
sub outcomes {
    my ($i, $n) = @_;
    return '[' . join(', ', map { js("$verbs[($i + $_) % @verbs] " . $topics[($i + 2 * $_) % @topics]
                                   . " in a real case ($_)") } 1 .. $n) . ']';
}

sub gen_badges {
    my @cls = map { $mix[($_ - 1) % @mix] } 1 .. $badges;
    my %by;
    push @{ $by{ $cls[$_ - 1] } }, $_ for 1 .. $badges;
    # assessment badges stack into achievement badges (at least 2 per
    # target: completion rule at_least 2), completion badges into
    # participation badges (at least 2 of 5+ hours: rule min_hours 10)
    my %target;
    for ([qw(assessment achievement)], [qw(completion participation)]) {
        my ($from, $to) = @$_;
        my @f = @{ $by{$from} || [] };
        my @t = @{ $by{$to} || [] };
        my $nt = @t < int(@f / 2) ? scalar @t : int(@f / 2);
        next unless $nt;
        $target{ $f[$_] } = "b$t[$_ % $nt]" for 0 .. $#f;
    }
    for my $i (1 .. $badges) {
        my $c = $cls[$i - 1];
        my $t = $topics[$i % @topics];
        # the short name the example spec draws: unit numbers keep every
        # badge's image its own
        my %f = (name => js(ucfirst($t) . " $c $i"), short_name => js("Unit $i"),
                 class => js($c),
                 description => js("Recognises $c-level work on $t in unit $i of the synthetic catalogue."));
        my @order = qw(name short_name class description);
        my $add = sub { my ($k, $v) = @_; $f{$k} = $v; push @order, $k };
        $add->(issuer => js('bridgewave')) if $i % 10 == 0;
        my $h;
        if ($c eq 'diploma') {
            $h = 300 + $i % 200;
            $add->(hours => $h); $add->(credits => credits($h));
            $add->(assessment => js('summative')); $add->(award_mode => js('assessed'));
            $add->(learning_outcomes => outcomes($i, 5)); $add->(participation => js('blended'));
            $add->(level => '{ "framework": "EQF", "value": "6" }');
            $add->(attendance => 85); $add->(pass_mark => 60); $add->(capstone => 'true');
            $add->(quality_assurance => js('Curriculum approved by the quality board; capstones moderated by an external examiner.'));
            $add->(grade => js('Pass, Merit or Distinction.'));
        } elsif ($c eq 'achievement') {
            $h = 60 + $i % 240;
            $add->(hours => $h); $add->(credits => credits($h));
            $add->(assessment => js('summative')); $add->(award_mode => js('assessed'));
            $add->(learning_outcomes => outcomes($i, 4)); $add->(participation => js('online'));
            $add->(level => '{ "framework": "EQF", "value": "5" }');
            $add->(attendance => 80); $add->(pass_mark => 60 + $i % 20);
            $add->(quality_assurance => js('Examinations double-marked on a sample of 10%.'));
        } elsif ($c eq 'assessment') {
            $h = 5 + $i % 55;
            my @a = qw(summative observation peer);
            $add->(hours => $h); $add->(assessment => js($a[$i % 3])); $add->(award_mode => js('assessed'));
            $add->(evidence => js("A piece of work on $t, marked by a tutor against a published rubric."));
            $add->(learning_outcomes => outcomes($i, 2)); $add->(pass_mark => 60);
        } elsif ($c eq 'participation') {
            $h = 1 + $i % 40;
            $add->(hours => $h); $add->(assessment => js('formative'));
            $add->(participation => js(('online', 'onsite', 'blended')[$i % 3]));
            $add->(attendance => 80);
        } elsif ($c eq 'completion') {
            $h = 5 + $i % 16;
            $add->(hours => $h); $add->(assessment => js('knowledge-check'));
            $add->(award_mode => js('automatic')); $add->(participation => js('online'));
        } else {
            $add->(award_mode => js($award_modes[$i % @award_modes]));
            $add->(evidence => js("A short statement of what was done, checked by the $t team."))
                if $c eq 'community' || $c eq 'award';
            $add->(recipient => js('organisation')) if $c eq 'organisation';
        }
        $add->(category => js(ucfirst $t));
        $add->(programme => js($programmes[$i % @programmes]));
        $add->(stacks_into => '[' . js($target{$i}) . ']') if $target{$i};
        $add->(validity => js('Does not expire.')) if $i % 4 == 0;
        $add->(alignment => '[{ "targetName": ' . js(ucfirst $t) . ', "targetUrl": "https://skills.example.org/'
                            . ($i % 97) . '", "targetFramework": "Example Skills Taxonomy", "targetCode": "ES-'
                            . ($i % 97) . '" }]') if $i % 3 == 0;
        $add->(tags => '[' . join(', ', map { js($_) } ($t, $c, "unit $i")) . ']');
        my $link = $target{$i} ? "[the badge it counts towards](/badges/$target{$i}/)"
                                : '[the framework](/framework/)';
        spew("$dir/content/badges/b$i.md",
             "{\n" . join(",\n", map { "  \"$_\": $f{$_}" } @order) . "\n}\n" . criteria($i, 'badge', $link));
    }
}

sub gen_terms {
    for my $i (1 .. $terms) {
        my $t = $topics[$i % @topics];
        my @see = grep { $_ != $i && $_ >= 1 } ($i - 1, $i + 1);
        @see = grep { $_ <= $terms } @see;
        spew("$dir/content/glossary/term-$i.md",
             "{\n  \"term\": " . js("Synthetic term $i") . ",\n"
             . "  \"aliases\": [" . js("term $i") . ", " . js("$t $i") . "],\n"
             . "  \"see_also\": [" . join(', ', map { js("term-$_") } @see) . "],\n"
             . "  \"definitions\": [\n"
             . "    { \"text\": " . js("A word used in unit $i about $t, defined here so that every page uses it the same way.")
             . ", \"source\": \"Example Glossary of Work and Learning\", \"year\": " . (2000 + $i % 25)
             . ", \"url\": \"https://glossary.example.org/$i\", \"form\": \"adapted\" },\n"
             . "    { \"text\": " . js("In this framework: the sense of the first definition, applied to badges.")
             . ", \"source\": \"Northbridge Centre for Work and Learning\", \"year\": 2025 }\n"
             . "  ]\n}\n");
    }
}

# A fuller page of about 4.5 KB: every construct a handbook page uses.
# Links go to pages that exist in every set (the next and previous page,
# wrapping around), to the framework and glossary, and out of the site.
sub rich {
    my ($i) = @_;
    my $t = $topics[$i % @topics];
    my $u = $topics[($i * 5 + 1) % @topics];
    my ($next, $prev) = ($i % $pages + 1, ($i + $pages - 2) % $pages + 1);
    my ($pn, $pp) = map { "/s" . ($_ % $sections) . "/p$_/" } ($next, $prev);
    my $w = 2 + $i % 9;
    return "Notes for unit $i on **$t**, written for facilitators who run the unit "
         . "for the first time. The [previous notes]($pp) cover the unit before "
         . "it and the [next notes]($pn) the one after; the [framework](/framework/) "
         . "says where the unit sits and the [glossary](/glossary/) defines its words.\n\n"
         . "## Before the unit\n\n"
         . "- Book a room or a call for *$w* weeks, one session a week.\n"
         . "- Send the reading list at least a week ahead:\n"
         . "  - the unit's own notes on $t;\n"
         . "  - one case on $u, chosen by the group;\n"
         . "  - the [open data portal](https://data.example.org/units/$i) for figures.\n"
         . "- Check that everyone can open the `unit-$i` folder on the platform.\n\n"
         . "### Materials\n\n"
         . "| item | copies | where |\n|:---|---:|---|\n"
         . "| handout on $t | " . (10 + $i % 30) . " | the `handouts/` folder |\n"
         . "| case sheet | " . (5 + $i % 12) . " | printed on the day |\n"
         . "| feedback form | 1 per person | [online](https://forms.example.org/f$i) |\n\n"
         . "## During the unit\n\n"
         . "1. Open with a question from the group's own work on $t.\n"
         . "2. Work through the case in pairs, then together:\n"
         . "   1. what happened, in the case's own words;\n"
         . "   2. what the people in it could have done instead;\n"
         . "   3. what the group would try first.\n"
         . "3. Close with one change each participant will make, written down.\n\n"
         . "> A unit works when people leave with something they will do on Monday, "
         . "not with a summary of the readings. Keep the last ten minutes for that.\n\n"
         . "### Timing\n\n"
         . "| part | minutes | who leads |\n|---|---|---|\n"
         . "| opening question | 15 | facilitator |\n"
         . "| case in pairs | " . (20 + $i % 25) . " | participants |\n"
         . "| case together | 30 | facilitator |\n"
         . "| changes | 10 | each participant |\n\n"
         . "## After the unit\n\n"
         . "Record attendance and the changes people named. The platform's export has "
         . "one line per participant; keep only the columns below, and never the e-mail "
         . "addresses, when you share it with the programme team:\n\n"
         . "```csv\nunit,participant,attended,change\n$i,P-001,yes,\"ask before deciding\"\n"
         . "$i,P-002,no,\n$i,P-003,yes,\"shorter meetings\"\n```\n\n"
         . "Then run `report --unit $i --since 30d` and send the summary to the programme "
         . "lead. Questions go to the [unit's forum](https://forum.example.org/t/unit-$i) "
         . "or, for anything about $u, to the team that owns it.\n\n"
         . "### If something went wrong\n\n"
         . "- A session was missed: add one at the end; do not double up.\n"
         . "- Fewer than half took part: write to the [programme team](mailto:programmes\@example.org) "
         . "before the next unit starts.\n"
         . "- The case did not fit the group: say so in the feedback form, with a case that "
         . "would have fitted better.\n\n"
         . "## Questions facilitators ask\n\n"
         . "**Can the unit run online?** Yes. Use the platform's rooms, keep cameras "
         . "optional, and share the case as a document rather than on screen, so that "
         . "pairs can *write on it* together. The [notes of the unit after this one]($pn) "
         . "say how its own case works online.\n\n"
         . "**Can it be shortened?** Not below " . ($w + 1) . " sessions: the case needs a "
         . "week between reading and discussion. If time is short, drop the opening "
         . "question, never the closing round.\n\n"
         . "**Where do the figures come from?** From the open data portal, refreshed "
         . "each quarter. To get this unit's, run:\n\n"
         . "```sh\nfetch-figures --unit $i --format csv > unit-$i.csv\n"
         . "summarise unit-$i.csv --by region\n```\n\n"
         . "and check the `region` column against the case before the session.\n";
}

sub page { my ($i) = @_;
    return "{\n  \"title\": " . js("Page $i: " . ucfirst $topics[$i % @topics]) . ",\n"
         . "  \"description\": " . js("Notes on $topics[$i % @topics] for unit $i.") . "\n}\n"
         . ($rich ? rich($i) : criteria($i, 'page', '[the framework](/framework/)'));
}

sub gen_pages {
    my ($root) = @_;
    spew("$root/content/s" . ($_ % $sections) . "/p$_.md", page($_)) for 1 .. $pages;
}

# A Hugo layout doing what badgesite's base.mustache + page.mustache do for
# a free page: the same head (description, canonical, social meta), a menu
# of the same length, the page, a footer rendered from Markdown.
sub gen_hugo {
    my ($h) = @_;
    spew("$h/config.toml", <<'EOT');
baseURL = 'https://bench.example/'
title = 'Northbridge Badge and Certificate Framework'
languageCode = 'en'
disableKinds = ['taxonomy', 'term', 'RSS']
[params]
footer = 'Northbridge Centre for Work and Learning. Questions? Write to [credentials@northbridge.example](mailto:credentials@northbridge.example).'
[[menu.main]]
name = 'Home'
url = '/'
weight = 1
[[menu.main]]
name = 'Framework'
url = '/framework/'
weight = 2
[[menu.main]]
name = 'Badges'
url = '/badges/'
weight = 3
[[menu.main]]
name = 'Glossary'
url = '/glossary/'
weight = 4
[[menu.main]]
name = 'Visual language'
url = '/visual-language/'
weight = 5
EOT
    spew("$h/layouts/_default/baseof.html", <<'EOT');
<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:site_name" content="{{ .Site.Title }}">
<meta property="og:title" content="{{ .Title }}">
{{ with .Description }}<meta property="og:description" content="{{ . }}">{{ end }}
<meta property="og:url" content="{{ .Permalink }}">
<meta name="twitter:title" content="{{ .Title }}">
<link rel="stylesheet" href="{{ "assets/css/site.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><a class="site-title" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav class="site-nav" aria-label="Main"><ul>
{{ $p := . }}{{ range .Site.Menus.main }}<li><a href="{{ .URL | relURL }}"{{ if $p.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
{{ end }}</ul></nav>
</header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><div class="footer-note">{{ .Site.Params.footer | markdownify }}</div></footer>
</body>
</html>
EOT
    spew("$h/layouts/_default/single.html",
         "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<div class=\"prose\">\n{{ .Content }}\n</div>{{ end }}\n");
    spew("$h/layouts/_default/list.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ end }}\n");
    gen_pages($h);
}

make_path("$dir/content/badges", "$dir/content/glossary", "$dir/assets");
# in one language, as the measurements before the example gained its
# French edition: no "languages", no translations
spew("$dir/site.json", slurp("$repo/site.json") =~ s/^  "languages": .*\n//mr
                                                =~ s/^  "translations": \{\n.*?^  \},\n//msr);
spew("$dir/content/framework.json", slurp("$repo/content/framework.json"));
spew("$dir/assets/visual-language.json", slurp("$repo/assets/visual-language.json"));
# the issuers' logos site.json names (not built into the program)
make_path("$dir/assets/img");
spew("$dir/assets/img/$_", slurp("$repo/assets/img/$_")) for qw(northbridge.svg bridgewave.svg);
# the framework's formality levels name these terms
spew("$dir/content/glossary/$_", slurp("$repo/content/glossary/$_"))
    for grep { !/\.[a-z-]+\.md$/ } map { s{.*/}{}r } glob("$repo/content/glossary/*.md");
gen_badges();
gen_terms();
gen_pages($dir);
gen_hugo($hugo) if defined $hugo;

# --awards N: content/awards/bench-<k>.csv, 5,000 made-up earners a batch,
# each awarded one of the badges (recipients never published)
if ($awards && $badges) {
    for my $k (0 .. int(($awards - 1) / 5000)) {
        my $t = "badge,recipient,name,show_name,issued,evidence_narrative\n";
        my $last = ($k + 1) * 5000 > $awards ? $awards : ($k + 1) * 5000;
        for my $i ($k * 5000 + 1 .. $last) {
            $t .= sprintf("b%d,earner%d\@learners.test,Earner %d,%s,2025-%02d-%02d,Did unit %d of the programme.\n",
                          1 + $i % $badges, $i, $i, $i % 2 ? 'yes' : 'no', 1 + $i % 12, 1 + $i % 28, $i);
        }
        spew("$dir/content/awards/bench-$k.csv", $t);
    }
}
