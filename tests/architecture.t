#!/usr/bin/perl
# The architecture's rules, checked on generator/. The rules are read from
# docs/ARCHITECTURE.md and nowhere else (its tables "The rules", "Libraries",
# "Standard headers", "Names" and "Limits"). One `not ok` per violation:
#   - an include of a project folder, or of a library, that the file's row
#     does not allow; a <header> the document does not know;
#   - a cycle between folders (two or more, however long), printed whole;
#   - a project include written without its folder, or naming no file;
#   - a string literal that only one folder may write, written elsewhere;
#   - a .c or .h file longer than the limit;
#   - a file no row covers, or a row naming a file that does not exist.
# Then the checker proves it can fail: it runs, through the same function,
# on small trees made in a temporary folder, each breaking one rule.
# Core Perl only; runs from any working directory. An argument names
# another generator folder to check instead of this one's.
use strict;
use warnings;
use File::Basename qw(dirname);
use File::Find qw(find);
use File::Path qw(make_path);
use File::Spec;
use File::Temp qw(tempdir);

my $repo = File::Spec->rel2abs(dirname(__FILE__) . '/..');
my $DOC = 'docs/ARCHITECTURE.md';

my $n = 0;
sub ok {
	my ($c, $name, @diag) = @_;
	$n++;
	print(($c ? 'ok' : 'not ok') . " $n - $name\n");
	print "#   $_\n" for ($c ? () : @diag);
	return $c;
}

sub slurp {
	my ($f) = @_;
	open(my $h, '<:raw', $f) or return undef;
	local $/;
	my $d = <$h>;
	close $h;
	return $d;
}

# ---- the rules, from Markdown ------------------------------------------

# The cells of a table row, or () for a line that is not one.
sub cells {
	my ($line) = @_;
	return () unless $line =~ /^\s*\|(.*)\|\s*$/;
	return map { s/^\s+|\s+$//gr } split /\|/, $1, -1;
}

# Every table of the text: [ [header cells], [row cells]... ].
sub tables {
	my ($text) = @_;
	my (@t, $cur);
	for my $line (split /\n/, $text) {
		my @c = cells($line);
		if (!@c) { $cur = undef; next }
		if (!$cur) { $cur = [[map { lc } @c]]; push @t, $cur; next }
		next if join('', @c) =~ /^[\s:-]*$/; # the |---|---| line
		push @$cur, [@c];
	}
	return @t;
}

# "`a`, `b`" -> (a, b); "—", "-", "none" and "" -> ().
sub list {
	my ($cell) = @_;
	return grep { length && !/^(?:—|-|none)$/i }
	    map { s/^\s+|\s+$//gr } split /,/, $cell =~ s/`//gr;
}

# The rules in a Markdown text: { rows, libs, std, names, limit } or
# { error => why }.
sub parse_rules {
	my ($text) = @_;
	my %want = (
		rows => ['where', 'may include (project folders)',
			 'may include (libraries)'],
		libs => ['library', 'headers'],
		std => ['standard', 'headers'],
		names => ['where', 'only it may write these string literals'],
		limits => ['limit', 'value'],
	);
	my %found;
	for my $t (tables($text)) {
		my $h = join '|', @{$t->[0]};
		for my $k (keys %want) {
			$found{$k} = [@$t[1 .. $#$t]]
			    if $h eq join '|', @{$want{$k}};
		}
	}
	for my $k (sort keys %want) {
		return { error => "no table headed | "
			    . join(' | ', @{$want{$k}}) . " |" }
		    unless $found{$k};
	}
	my %r = (rows => {}, libs => {}, std => {}, names => [], limit => undef);
	for my $row (@{$found{rows}}) {
		my ($where, $dirs, $libs) = @$row;
		$where =~ s/`//g;
		$r{rows}{$where} = { dirs => [list($dirs)], libs => [list($libs)] };
	}
	for my $row (@{$found{libs}}) {
		my ($lib, $pats) = @$row;
		$lib =~ s/`//g;
		$r{libs}{$lib} = [map {
			my $re = quotemeta($_) =~ s/\\\*/.*/gr;
			qr/^$re$/
		} list($pats)];
	}
	for my $row (@{$found{std}}) {
		$r{std}{$_} = 1 for list($row->[1]);
	}
	for my $row (@{$found{names}}) {
		my ($where, $lits) = @$row;
		my @owners = list($where);
		push @{$r{names}}, [\@owners, $_] for list($lits);
	}
	for my $row (@{$found{limits}}) {
		$r{limit} = $1 if $row->[0] =~ /lines/i && $row->[1] =~ /(\d+)/;
	}
	return { error => "the Limits table has no row of lines with a number" }
	    unless defined $r{limit};
	# a row may only name folders that have a row, and libraries the
	# Libraries table defines
	for my $w (sort keys %{$r{rows}}) {
		for my $f (@{$r{rows}{$w}{dirs}}) {
			return { error => "row $w allows folder '$f', which has "
				    . "no row of its own ($f/)" }
			    unless $r{rows}{"$f/"};
		}
		for my $l (@{$r{rows}{$w}{libs}}) {
			return { error => "row $w allows library '$l', which the "
				    . "Libraries table does not define" }
			    unless $r{libs}{$l};
		}
	}
	return \%r;
}

# ---- the tree ----------------------------------------------------------

# The source with comments blanked (line numbers kept); strings and
# character constants are left as they are, so "/*" in a string is text.
sub strip_comments {
	my ($s) = @_;
	$s =~ s{("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|(/\*.*?\*/)|(//[^\n]*)}
	       {defined $1 ? $1 : defined $2 ? "\n" x ($2 =~ tr/\n//) : ''}gse;
	return $s;
}

# Every .c and .h file under dir, as paths relative to it, sorted.
sub sources {
	my ($dir) = @_;
	my @f;
	find({ no_chdir => 1, wanted => sub {
		push @f, File::Spec->abs2rel($_, $dir) if -f && /\.[ch]$/;
	} }, $dir);
	return sort @f;
}

# The node of a file in the folder graph: its folder, or the file itself
# when it sits at the top (main.c).
sub node_of { my ($rel) = @_; return $rel =~ m{^([^/]+)/} ? $1 : $rel }

# The row that rules rel: its own, else its folder's.
sub row_of {
	my ($r, $rel) = @_;
	return ($rel, $r->{rows}{$rel}) if $r->{rows}{$rel};
	my $f = node_of($rel) . '/';
	return ($f, $r->{rows}{$f}) if $r->{rows}{$f};
	return ();
}

sub library_of {
	my ($r, $h) = @_;
	for my $l (sort keys %{$r->{libs}}) {
		return $l if grep { $h =~ $_ } @{$r->{libs}{$l}};
	}
	return undef;
}

# Every elementary cycle of graph (node -> { node -> why }), each as a
# list of nodes starting at its least one, least cycles first.
sub cycles {
	my ($g) = @_;
	my @nodes = sort keys %$g;
	my @out;
	for my $s (@nodes) {
		my @path = ($s);
		my %on = ($s => 1);
		my $walk;
		$walk = sub {
			my ($v) = @_;
			for my $w (sort keys %{$g->{$v} || {}}) {
				next if $w lt $s;
				if ($w eq $s) { push @out, [@path]; next }
				next if $on{$w};
				push @path, $w; $on{$w} = 1;
				$walk->($w);
				pop @path; delete $on{$w};
			}
		};
		$walk->($s);
		undef $walk;
	}
	return @out;
}

# Check the tree at dir (the generator folder) against the rules r.
# Returns the violations: [ check, message ], in a stable order.
sub check {
	my ($r, $dir) = @_;
	my @v;
	my %graph; # node -> node -> "file:line "path""
	my @files = sources($dir);
	my %folders = map { node_of($_) => 1 } grep { m{/} } @files;
	$folders{$_ =~ s{/$}{}r} = 1 for grep { m{/$} } keys %{$r->{rows}};
	my %by_name; # "buf.h" -> ["base/buf.h"]
	push @{$by_name{(split m{/}, $_)[-1]}}, $_ for @files;
	for my $rel (@files) {
		my $raw = slurp("$dir/$rel");
		my $lines = () = $raw =~ /\n/g;
		$lines++ if length($raw) && $raw !~ /\n\z/;
		push @v, ['size', "$rel: $lines lines, over the limit of "
			    . "$r->{limit} (a file past it holds more than one job)"]
		    if $lines > $r->{limit};
		my $src = strip_comments($raw);
		my $me = node_of($rel);
		my ($where, $row) = row_of($r, $rel);
		push @v, ['rows', "$rel: no row of $DOC covers it (add a row "
			    . "for " . ($rel =~ m{/} ? "$me/" : $rel) . ")"]
		    unless $row;
		my @lines = split /\n/, $src, -1;
		for my $i (0 .. $#lines) {
			my $at = "$rel:" . ($i + 1);
			if ($lines[$i] =~ /^\s*#\s*include\s*"([^"]*)"/) {
				my $inc = $1;
				if ($inc !~ m{/}) {
					my $hint = $by_name{$inc} && @{$by_name{$inc}} == 1
					    ? "; write \"$by_name{$inc}[0]\"" : '';
					push @v, ['paths', "$at: #include \"$inc\" is "
						    . "written without its folder$hint"];
					next;
				}
				if ($inc =~ m{(?:^|/)\.\.?/} || $inc =~ m{^/}) {
					push @v, ['paths', "$at: #include \"$inc\": write "
						    . "folder/file from generator/, no . or .."];
					next;
				}
				if (!-f "$dir/$inc") {
					push @v, ['paths', "$at: #include \"$inc\" names "
						    . "a file that does not exist"];
					next;
				}
				my $to = node_of($inc);
				next if $to eq $me;
				$graph{$me}{$to} //= "$at \"$inc\"";
				next unless $row;
				next if grep { $_ eq $to } @{$row->{dirs}};
				push @v, ['folders', "$at: #include \"$inc\": $where "
					    . "may not include $to/ (its row allows: "
					    . (join(', ', @{$row->{dirs}}) || 'none') . ")"];
			} elsif ($lines[$i] =~ /^\s*#\s*include\s*<([^>]*)>/) {
				my $h = $1;
				next if $r->{std}{$h};
				my $lib = library_of($r, $h);
				if (!defined $lib) {
					my $top = (split m{/}, $h)[0];
					if ($h =~ m{/} && $folders{$top}) {
						push @v, ['headers', "$at: #include <$h> is a "
							    . "project header: write \"$h\""];
					} else {
						push @v, ['headers', "$at: #include <$h>: unknown "
							    . "header; declare it in $DOC: in the "
							    . "Standard headers table if it is "
							    . "standard C or POSIX, else under its "
							    . "library in the Libraries table and "
							    . "in the rows that may use it"];
					}
					next;
				}
				next if !$row || grep { $_ eq $lib } @{$row->{libs}};
				push @v, ['libraries', "$at: #include <$h>: $where may "
					    . "not include $lib (its row allows: "
					    . (join(', ', @{$row->{libs}}) || 'none') . ")"];
			}
		}
		for my $nm (@{$r->{names}}) {
			my ($owners, $lit) = @$nm;
			next if grep { $rel eq $_ || index($rel, $_) == 0 && m{/$} }
			    @$owners;
			my $owner = join ' or ', @$owners;
			my $ln = 0;
			for my $line (@lines) {
				$ln++;
				while ($line =~ /"((?:\\.|[^"\\])*)"/g) {
					next unless $1 eq $lit;
					push @v, ['names', "$rel:$ln: \"$lit\" is written "
						    . "here; only $owner may write it"];
				}
			}
		}
	}
	for my $c (cycles(\%graph)) {
		my @ring = (@$c, $c->[0]);
		my @why = map { $graph{$ring[$_]}{$ring[$_ + 1]} } 0 .. $#ring - 1;
		push @v, ['cycles', join(' -> ', @ring) . ' (' . join('; ', @why)
			    . ')'];
	}
	return @v;
}

# Rows that name a single file must name one that exists.
sub check_rows_exist {
	my ($r, $dir) = @_;
	return map { ['rows', "$DOC names $_ in a row, and there is no "
			       . "generator/$_"] }
	    grep { !m{/$} && !-f "$dir/$_" }
	    sort(keys %{$r->{rows}}, map { @{$_->[0]} } @{$r->{names}});
}

# ---- the tree under generator/ ----------------------------------------

my %title = (
	rows => 'every file has its row in ' . $DOC,
	folders => 'each file includes only the project folders its row allows',
	libraries => 'each file includes only the libraries its row allows',
	headers => 'every <header> is a known library or standard header',
	paths => 'project includes are written folder/file and name a file',
	cycles => 'no cycle between folders',
	names => 'Open Badges names are written only where the Names table says',
	size => 'no .c or .h file is over the line limit',
);
my @order = qw(rows headers folders libraries paths cycles names size);

my $rules_text = slurp("$repo/$DOC");
my $rules = defined $rules_text ? parse_rules($rules_text)
				: { error => "cannot read $repo/$DOC" };
if ($rules->{error}) {
	ok(0, "the rules are read from $DOC", $rules->{error});
	print "1..$n\n";
	exit 1;
}
ok(1, "the rules are read from $DOC ("
    . scalar(keys %{$rules->{rows}}) . " rows, "
    . scalar(keys %{$rules->{libs}}) . " libraries, line limit "
    . "$rules->{limit})");

# The tree checked: generator/, or the folder given as the first argument
# (perl tests/architecture.t /some/copy/of/generator).
my $gen = @ARGV ? File::Spec->rel2abs($ARGV[0]) : "$repo/generator";
my @found = (check_rows_exist($rules, $gen), check($rules, $gen));
for my $k (@order) {
	my @mine = grep { $_->[0] eq $k } @found;
	if (!@mine) { ok(1, $title{$k}); next }
	ok(0, "$k: $_->[1]") for @mine;
}

# ---- the checker can fail ----------------------------------------------

my $tmp = tempdir(CLEANUP => 1);
my $trees = 0;
sub tree {
	my (%files) = @_;
	my $d = "$tmp/t" . ++$trees;
	for my $f (sort keys %files) {
		make_path(dirname("$d/$f"));
		open(my $h, '>', "$d/$f") or die "$d/$f: $!";
		print $h $files{$f};
		close $h;
	}
	make_path($d);
	return $d;
}

# Does check(r, tree) report, under check, a message matching re?
sub reports {
	my ($r, $dir, $check, $re) = @_;
	my @v = check($r, $dir);
	return (scalar(grep { $_->[0] eq $check && $_->[1] =~ $re } @v),
		map { "$_->[0]: $_->[1]" } @v);
}

sub expect {
	my ($name, $r, $dir, $check, $re) = @_;
	my ($hit, @all) = reports($r, $dir, $check, $re);
	ok($hit, "self-test: $name", "expected a $check report matching $re",
	   @all ? ('got:', @all) : 'got nothing');
}

my $inc = sub { join '', map { "#include $_\n" } @_ };

# With the real rules: a lower folder including a higher one is refused,
# and the two make a cycle.
{
	my $d = tree('base/a.h' => $inc->('"model/m.h"'),
		     'model/m.h' => $inc->('"base/a.h"'));
	expect('a lower folder including a higher one is refused', $rules, $d,
	       'folders', qr{^base/a\.h:1: .*base/ may not include model/});
	expect('two folders including each other are a cycle', $rules, $d,
	       'cycles', qr{^base -> model -> base \(});
}

# With rules that allow everything, a three-folder cycle is still found.
{
	my $loose = parse_rules(<<'MD');
| where | may include (project folders) | may include (libraries) |
|---|---|---|
| `x/` | y, z | — |
| `y/` | x, z | — |
| `z/` | x, y | — |

| library | headers |
|---|---|
| jansson | `jansson.h` |

| standard | headers |
|---|---|
| C11 | `stdio.h` |

| where | only it may write these string literals |
|---|---|

| limit | value |
|---|---|
| lines in one file | 5 |
MD
	my $d = tree('x/x.h' => $inc->('"y/y.h"'), 'y/y.h' => $inc->('"z/z.h"'),
		     'z/z.h' => $inc->('"x/x.h"', '<stdio.h>'));
	expect('a cycle of three folders, allowed row by row, is found',
	       $loose, $d, 'cycles', qr{^x -> y -> z -> x \(x/x\.h:1 "y/y\.h"; });
	my @v = check($loose, $d);
	ok(@v == 1, 'self-test: that cycle is the only report',
	   map { "$_->[0]: $_->[1]" } @v);
	my $big = tree('x/big.c' => "int a;\n" x 6, 'x/fits.c' => "int a;\n" x 5);
	expect('a file over the limit is reported with its length', $loose,
	       $big, 'size', qr{^x/big\.c: 6 lines, over the limit of 5});
	my @s = grep { $_->[1] =~ /fits/ } check($loose, $big);
	ok(!@s, 'self-test: a file at the limit passes', map { $_->[1] } @s);
}

# Libraries: cmark only in pages/markdown.c, cairo only in images/.
{
	my $d = tree('pages/markdown.c' => $inc->('<cmark-gfm.h>',
						  '<cmark-gfm-core-extensions.h>'),
		     'pages/mustache.c' => $inc->('<cmark-gfm.h>'),
		     'input/x.c' => $inc->('<cairo.h>', '<stdio.h>'),
		     'images/x.c' => $inc->('<cairo.h>', '<pango/pangocairo.h>'));
	expect('cmark outside pages/markdown.c is refused', $rules, $d,
	       'libraries', qr{^pages/mustache\.c:1: .*may not include cmark-gfm});
	expect('cairo outside images/ is refused', $rules, $d, 'libraries',
	       qr{^input/x\.c:1: #include <cairo\.h>: input/ may not include cairo});
	my @v = grep { $_->[1] =~ m{^(?:pages/markdown|images/x)\.c} }
	    check($rules, $d);
	ok(!@v, 'self-test: pages/markdown.c may use cmark, images/ cairo',
	   map { $_->[1] } @v);
}

# Paths: a folderless include, a missing file, a <project header>.
{
	my $d = tree('base/buf.h' => '', 'base/a.c' => $inc->('"buf.h"'),
		     'input/b.c' => $inc->('"base/nope.h"', '<base/buf.h>'));
	expect('an include without its folder is refused', $rules, $d, 'paths',
	       qr{^base/a\.c:1: #include "buf\.h" is written without its folder; write "base/buf\.h"});
	expect('an include of a missing file is refused', $rules, $d, 'paths',
	       qr{^input/b\.c:1: #include "base/nope\.h" names a file that does not exist});
	expect('a project header in <> is refused', $rules, $d, 'headers',
	       qr{^input/b\.c:2: #include <base/buf\.h> is a project header});
}

# Headers, names, rows.
{
	my $d = tree('base/a.c' => $inc->('<stdio.h>', '<frobnicate.h>')
				. "/* #include <commented.h> */\n",
		     'views/v.c' => "const char *t = \"BadgeClass\"; /* \"Profile\" */\n",
		     'openbadges/o.c' => "const char *t = \"BadgeClass\";\n",
		     'tools/x.c' => "int a;\n");
	expect('an unknown header is refused, saying where to declare it',
	       $rules, $d, 'headers',
	       qr{^base/a\.c:2: #include <frobnicate\.h>: unknown header; declare it in docs/ARCHITECTURE\.md});
	my @c = grep { $_->[1] =~ /commented|Profile/ } check($rules, $d);
	ok(!@c, 'self-test: comments are not read as includes or names',
	   map { $_->[1] } @c);
	expect('an Open Badges name outside openbadges/ is refused', $rules, $d,
	       'names', qr{^views/v\.c:1: "BadgeClass" is written here; only openbadges/});
	expect('a folder without a row is refused', $rules, $d, 'rows',
	       qr{^tools/x\.c: no row});
}

# A row naming two places lets both write its literals, and no other.
{
	my $d = tree('openbadges/o.c' => "const char *k = \"\@context\";\n",
		     'sign/s.c' => "const char *k = \"\@context\";\n",
		     'views/v.c' => "const char *k = \"\@context\";\n");
	expect('a literal of a two-place row is refused in a third', $rules,
	       $d, 'names', qr{^views/v\.c:1: "\@context" is written here; only openbadges/ or sign/});
	my @v = grep { $_->[0] eq 'names' && $_->[1] =~ m{^(?:openbadges|sign)/} }
	    check($rules, $d);
	ok(!@v, 'self-test: both places of a two-place row may write it',
	   map { $_->[1] } @v);
}

# The document itself: a misspelt folder or library in a row is an error,
# not a rule that silently allows nothing.
{
	my $typo = parse_rules($rules_text =~ s/^(\| `views\/` \|[^|]*)\bmodel\b/$1modle/mr);
	ok(($typo->{error} // '') =~ /row views\/ allows folder 'modle'/,
	   'self-test: a row naming a folder without a row is refused',
	   'got: ' . ($typo->{error} // 'no error'));
	$typo = parse_rules($rules_text =~ s/^(\| `input\/` \|[^|]*\|[^|]*)\bjansson\b/$1jason/mr);
	ok(($typo->{error} // '') =~ /row input\/ allows library 'jason'/,
	   'self-test: a row naming an unknown library is refused',
	   'got: ' . ($typo->{error} // 'no error'));
}

# A tree that keeps every rule gives no report at all.
{
	my $d = tree('base/a.h' => $inc->('<stddef.h>', '<jansson.h>'),
		     'input/b.c' => $inc->('"base/a.h"', '"input/b.h"', '<sys/stat.h>'),
		     'input/b.h' => '',
		     'site/s.c' => $inc->('"views/v.h"', '"openbadges/o.h"', '<pthread.h>'),
		     'views/v.h' => $inc->('"model/m.h"'),
		     'model/m.h' => $inc->('"images/i.h"', '"pages/p.h"'),
		     'images/i.h' => $inc->('"input/b.h"', '<librsvg/rsvg.h>', '<libxml/tree.h>'),
		     'pages/p.h' => $inc->('"base/a.h"'),
		     'openbadges/o.h' => $inc->('"base/a.h"'),
		     'main.c' => $inc->('"site/s.c"', '"model/m.h"', '<stdio.h>'));
	my @v = check($rules, $d);
	ok(!@v, 'self-test: a tree that keeps the rules passes',
	   map { "$_->[0]: $_->[1]" } @v);
}

print "1..$n\n";
