#!/usr/bin/perl
# badgesite keys new --out FILE: a key file of mode 0600 holding an Ed25519
# Multikey; an existing file is never replaced; wrong usage exits 2. The
# key file's contents and refusals are tested in tests/unit/sign.c.
use strict;
use warnings;
use File::Temp qw(tempdir);

my $bin = ($ENV{BADGESITE_BUILD} || 'build') . '/badgesite';
my $dir = tempdir(CLEANUP => 1);
my $n = 0;
sub ok { my ($c, $name) = @_; $n++; print(($c ? '' : 'not ') . "ok $n - $name\n"); $c }
sub slurp { open(my $h, '<', $_[0]) or return ''; local $/; <$h> }

my $key = "$dir/signing-key.json";
my $out = `$bin keys new --out $key 2>&1`;
ok($? == 0, 'keys new --out FILE succeeds') or print "# $out";
ok(((stat $key)[2] & 07777) == 0600, 'the key file is mode 0600');
my $text = slurp($key);
ok($text =~ /"type": "Multikey"/ && $text =~ /"publicKeyMultibase": "z6Mk\w+"/
   && $text =~ /"secretKeyMultibase": "z\w+"/,
   'it holds an Ed25519 Multikey and its secret');
$out = `$bin keys new --out $key 2>&1`;
ok($? >> 8 == 2 && $out =~ /never replaced/,
   'an existing file is refused (exit 2) and says why');
ok(slurp($key) eq $text, 'and is left as it was');
$out = `$bin keys new 2>&1`;
ok($? >> 8 == 2 && $out =~ /keys wants: new --out FILE/, 'keys new without --out is a usage error');
$out = `$bin keys new --out $dir/no/such/dir/k.json 2>&1`;
ok($? >> 8 == 3, 'a folder that does not exist is an I/O error (exit 3)');
print "1..$n\n";
