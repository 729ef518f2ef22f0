#!/usr/bin/perl
# Generates UnicodeProps.bin, the per-code-point properties StandardTokenizer needs:
# the UAX#29 Word_Break value plus script/line-break/emoji flags used by Lucene 8.7's grammar.
# Properties come from perl's Unicode database; code points not yet assigned in Unicode 9.0
# (the version Lucene 8.7's tokenizer was generated with) are treated as Other, except for
# emoji, where Lucene used the Emoji 11.0 data.
# usage: perl gen-unicode-props.pl > UnicodeProps.bin
use strict;
use warnings;

my @wb = qw(Other CR LF Newline Extend ZWJ Regional_Indicator Format Katakana Hebrew_Letter ALetter
            Single_Quote Double_Quote MidNumLet MidLetter MidNum Numeric ExtendNumLet);
my %flags = (Hangul => 1 << 5, Han => 1 << 6, Hiragana => 1 << 7, SA => 1 << 8,
             EmojiChar => 1 << 9, EmojiModBase => 1 << 10, EmojiMod => 1 << 11);

my (%comboId, @combos, %blockId, @blocks, @stage1);
for (my $block = 0; $block < 0x110000 >> 8; $block++) {
    my $bytes = '';
    for (my $cp = $block << 8; $cp < ($block + 1) << 8; $cp++) {
        my $v = props($cp);
        if (!exists $comboId{$v}) { $comboId{$v} = scalar @combos; push @combos, $v; }
        $bytes .= chr($comboId{$v});
    }
    if (!exists $blockId{$bytes}) { $blockId{$bytes} = scalar @blocks; push @blocks, $bytes; }
    push @stage1, $blockId{$bytes};
}
die "too many combos" if @combos > 255;
binmode STDOUT;
print pack('v', scalar @combos), pack('v*', @combos);
print pack('v', scalar @blocks), pack('v*', @stage1);
print $_ for @blocks;

sub props {
    my ($cp) = @_;
    return 0 if $cp >= 0xD800 && $cp <= 0xDFFF;
    my $s = chr($cp);
    my $v = 0;
    if ($s =~ /\p{In=9.0}/) {
        for (my $i = 1; $i < @wb; $i++) {
            my $name = $wb[$i];
            if ($s =~ /\p{WB=$name}/) { $v = $i; last; }
        }
        # Unicode 9.0 had these skin tone modifiers as E_Modifier, not Extend
        $v = 0 if $cp >= 0x1F3FB && $cp <= 0x1F3FF;
        # Lucene adds the fullwidth digits to Numeric ([\p{Blk:HalfAndFullForms}&&\p{Nd}])
        $v = 16 if $cp >= 0xFF10 && $cp <= 0xFF19;
        $v |= $flags{Hangul} if $s =~ /\p{Script=Hangul}/ && ($v == 9 || $v == 10);
        $v |= $flags{Han} if $s =~ /\p{Script=Han}/;
        $v |= $flags{Hiragana} if $s =~ /\p{Script=Hiragana}/;
        $v |= $flags{SA} if $s =~ /\p{LB=SA}/;
    }
    if ($s =~ /\p{In=11.0}/ || $s =~ /\p{Extended_Pictographic}/) {
        my $rkam = $s =~ /\p{WB=Regional_Indicator}/ || $s =~ /[0-9#*\x{A9}\x{AE}\x{2122}\x{3030}\x{303D}]/
                   || $s =~ /\p{Emoji_Modifier}/;
        $v |= $flags{EmojiChar} if $s =~ /\p{Extended_Pictographic}/ || ($s =~ /\p{Emoji}/ && !$rkam);
        $v |= $flags{EmojiModBase} if $s =~ /\p{Emoji_Modifier_Base}/;
        $v |= $flags{EmojiMod} if $s =~ /\p{Emoji_Modifier}/;
    }
    return $v;
}
