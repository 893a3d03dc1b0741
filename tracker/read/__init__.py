"""Reading: bytes → text (sources), where the article sits (layout), script, dating, sentences, files → articles."""
