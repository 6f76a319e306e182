package io.github.informer.selector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * A label selector parsed as kube-apiserver parses the {@code labelSelector} parameter: a port of apimachinery's
 * {@code labels.Parse} (k8s.io/apimachinery/pkg/labels/selector.go), its lexer, its recursive-descent parser, its
 * {@code NewRequirement} checks and its error texts. So {@code x in ()} means "x is the empty string", {@code x=}
 * and {@code x= } are valid, a trailing comma is not, and {@code x>-1} fails as a label value. Immutable.
 */
public final class LabelSelector {

	private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

	private final List<LabelRequirement> requirements;

	private LabelSelector(List<LabelRequirement> requirements) {
		this.requirements = List.copyOf(requirements);
	}

	/** The selector that matches every label set (an empty or all-blank string). */
	public static LabelSelector everything() {
		return EVERYTHING;
	}

	/**
	 * Parse a selector.
	 * @param selector the selector, in the syntax of {@code kubectl -l}
	 * @return the selector, its requirements sorted by key as apimachinery sorts them
	 * @throws SelectorSyntaxException with kube-apiserver's message when kube-apiserver would answer 400
	 */
	public static LabelSelector parse(String selector) {
		List<LabelRequirement> requirements = new Parser(selector).parse();
		if (requirements.isEmpty()) {
			return EVERYTHING;
		}
		// Go's sort.Sort(ByKey) is not stable; a stable sort gives the same order for distinct keys
		requirements.sort(Comparator.comparing(LabelRequirement::key));
		return new LabelSelector(requirements);
	}

	/** The requirements, sorted by key; all must hold. */
	public List<LabelRequirement> requirements() {
		return this.requirements;
	}

	/** Whether the selector selects everything ({@code Selector.Empty}). */
	public boolean isEmpty() {
		return this.requirements.isEmpty();
	}

	/** Whether every requirement matches the labels. */
	public boolean matches(Map<String, String> labels) {
		for (LabelRequirement requirement : this.requirements) {
			if (!requirement.matches(labels)) {
				return false;
			}
		}
		return true;
	}

	/** The canonical form kube-apiserver prints ({@code Selector.String}): sorted, blanks removed. */
	@Override
	public String toString() {
		List<String> parts = new ArrayList<>();
		for (LabelRequirement requirement : this.requirements) {
			parts.add(requirement.toString());
		}
		return String.join(",", parts);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof LabelSelector that && this.requirements.equals(that.requirements);
	}

	@Override
	public int hashCode() {
		return this.requirements.hashCode();
	}

	/** The lexer's tokens ({@code labels.Token}); {@code ERROR} is Go's zero value. */
	private enum Token {

		ERROR, END_OF_STRING, CLOSED_PAR, COMMA, DOES_NOT_EXIST, DOUBLE_EQUALS, EQUALS, GREATER_THAN, IDENTIFIER, IN,
		LESS_THAN, NOT_EQUALS, NOT_IN, OPEN_PAR;

		static Token literal(String text) {
			return switch (text) {
				case ")" -> CLOSED_PAR;
				case "," -> COMMA;
				case "!" -> DOES_NOT_EXIST;
				case "==" -> DOUBLE_EQUALS;
				case "=" -> EQUALS;
				case ">" -> GREATER_THAN;
				case "in" -> IN;
				case "<" -> LESS_THAN;
				case "!=" -> NOT_EQUALS;
				case "notin" -> NOT_IN;
				case "(" -> OPEN_PAR;
				default -> ERROR;
			};
		}

	}

	private record Item(Token token, String literal) {
	}

	/** {@code labels.Lexer}. */
	private static final class Lexer {

		private final String text;

		private int position;

		Lexer(String text) {
			this.text = text;
		}

		private char read() {
			if (this.position < this.text.length()) {
				return this.text.charAt(this.position++);
			}
			// Go's lexer reads 0 at the end, without moving
			return 0;
		}

		private void unread() {
			this.position--;
		}

		private static boolean isWhitespace(char c) {
			return c == ' ' || c == '\t' || c == '\r' || c == '\n';
		}

		private static boolean isSpecialSymbol(char c) {
			return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
		}

		Item lex() {
			char c = read();
			while (isWhitespace(c)) {
				c = read();
			}
			if (c == 0) {
				return new Item(Token.END_OF_STRING, "");
			}
			unread();
			return isSpecialSymbol(c) ? scanSpecialSymbol() : scanIdentifierOrKeyword();
		}

		private Item scanIdentifierOrKeyword() {
			StringBuilder buffer = new StringBuilder();
			while (true) {
				char c = read();
				if (c == 0) {
					break;
				}
				if (isSpecialSymbol(c) || isWhitespace(c)) {
					unread();
					break;
				}
				buffer.append(c);
			}
			String literal = buffer.toString();
			Token token = Token.literal(literal);
			return new Item((token != Token.ERROR) ? token : Token.IDENTIFIER, literal);
		}

		/** The longest operator made of special symbols ({@code !=}, {@code ==} before {@code !}, {@code =}). */
		private Item scanSpecialSymbol() {
			@Nullable Item last = null;
			StringBuilder buffer = new StringBuilder();
			while (true) {
				char c = read();
				if (c == 0) {
					break;
				}
				if (!isSpecialSymbol(c)) {
					unread();
					break;
				}
				buffer.append(c);
				Token token = Token.literal(buffer.toString());
				if (token != Token.ERROR) {
					last = new Item(token, buffer.toString());
				}
				else if (last != null) {
					unread();
					break;
				}
			}
			return (last != null) ? last : new Item(Token.ERROR, "error expected: keyword found '" + buffer + "'");
		}

	}

	/** {@code labels.Parser}: scan everything, then descend with one token of lookahead. */
	private static final class Parser {

		private final List<Item> items = new ArrayList<>();

		private int position;

		Parser(String selector) {
			Lexer lexer = new Lexer(selector);
			while (true) {
				Item item = lexer.lex();
				this.items.add(item);
				if (item.token() == Token.END_OF_STRING) {
					break;
				}
			}
		}

		/** In a list of values {@code in} and {@code notin} are plain identifiers ({@code ParserContext Values}). */
		private Item lookahead(boolean values) {
			return contextual(this.items.get(Math.min(this.position, this.items.size() - 1)), values);
		}

		private Item consume(boolean values) {
			Item item = lookahead(values);
			this.position++;
			return item;
		}

		private static Item contextual(Item item, boolean values) {
			if (values && (item.token() == Token.IN || item.token() == Token.NOT_IN)) {
				return new Item(Token.IDENTIFIER, item.literal());
			}
			return item;
		}

		List<LabelRequirement> parse() {
			List<LabelRequirement> requirements = new ArrayList<>();
			while (true) {
				Item next = lookahead(true);
				switch (next.token()) {
					case IDENTIFIER, DOES_NOT_EXIST -> {
						requirements.add(requirement());
						Item after = consume(true);
						if (after.token() == Token.END_OF_STRING) {
							return requirements;
						}
						if (after.token() != Token.COMMA) {
							throw fail("found '" + after.literal() + "', expected: ',' or 'end of string'");
						}
						Item following = lookahead(true);
						if (following.token() != Token.IDENTIFIER && following.token() != Token.DOES_NOT_EXIST) {
							throw fail("found '" + following.literal() + "', expected: identifier after ','");
						}
					}
					case END_OF_STRING -> {
						return requirements;
					}
					default -> throw fail(
							"found '" + next.literal() + "', expected: !, identifier, or 'end of string'");
				}
			}
		}

		private LabelRequirement requirement() {
			try {
				Item first = consume(true);
				@Nullable Operator operator = null;
				if (first.token() == Token.DOES_NOT_EXIST) {
					operator = Operator.DOES_NOT_EXIST;
					first = consume(true);
				}
				if (first.token() != Token.IDENTIFIER) {
					throw fail("found '" + first.literal() + "', expected: identifier");
				}
				String key = first.literal();
				List<String> keyErrors = Validation.qualifiedNameErrors(key);
				if (!keyErrors.isEmpty()) {
					throw fail(Validation.invalid("<nil>", key, String.join("; ", keyErrors)));
				}
				Token after = lookahead(true).token();
				if (after == Token.END_OF_STRING || after == Token.COMMA) {
					if (operator == null) {
						operator = Operator.EXISTS;
					}
				}
				if (operator == Operator.EXISTS || operator == Operator.DOES_NOT_EXIST) {
					return newRequirement(key, operator, List.of());
				}
				operator = operator();
				TreeSet<String> values = (operator == Operator.IN || operator == Operator.NOT_IN) ? values()
						: exactValue();
				return newRequirement(key, operator, List.copyOf(values));
			}
			catch (SelectorSyntaxException ex) {
				throw fail("unable to parse requirement: " + ex.getMessage());
			}
		}

		private Operator operator() {
			Item item = consume(false);
			return switch (item.token()) {
				case IN -> Operator.IN;
				case EQUALS -> Operator.EQUALS;
				case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
				case GREATER_THAN -> Operator.GREATER_THAN;
				case LESS_THAN -> Operator.LESS_THAN;
				case NOT_IN -> Operator.NOT_IN;
				case NOT_EQUALS -> Operator.NOT_EQUALS;
				default -> throw fail("found '" + item.literal() + "', expected: in, notin, =, ==, !=, gt, lt");
			};
		}

		/** {@code (a,b)}; {@code ()} is the one empty value, as are the gaps in {@code (,a,,b,)}. */
		private TreeSet<String> values() {
			Item open = consume(true);
			if (open.token() != Token.OPEN_PAR) {
				throw fail("found '" + open.literal() + "' expected: '('");
			}
			Item next = lookahead(true);
			switch (next.token()) {
				case IDENTIFIER, COMMA -> {
					TreeSet<String> values = identifiers();
					if (consume(true).token() != Token.CLOSED_PAR) {
						throw fail("found '" + next.literal() + "', expected: ')'");
					}
					return values;
				}
				case CLOSED_PAR -> {
					consume(true);
					return new TreeSet<>(List.of(""));
				}
				default -> throw fail("found '" + next.literal() + "', expected: ',', ')' or identifier");
			}
		}

		private TreeSet<String> identifiers() {
			TreeSet<String> values = new TreeSet<>();
			while (true) {
				Item item = consume(true);
				switch (item.token()) {
					case IDENTIFIER -> {
						values.add(item.literal());
						Item next = lookahead(true);
						if (next.token() == Token.CLOSED_PAR) {
							return values;
						}
						if (next.token() != Token.COMMA) {
							throw fail("found '" + next.literal() + "', expected: ',' or ')'");
						}
					}
					case COMMA -> {
						if (values.isEmpty()) {
							values.add("");
						}
						Token next = lookahead(true).token();
						if (next == Token.CLOSED_PAR) {
							values.add("");
							return values;
						}
						if (next == Token.COMMA) {
							consume(true);
							values.add("");
						}
					}
					default -> throw fail("found '" + item.literal() + "', expected: ',', or identifier");
				}
			}
		}

		private TreeSet<String> exactValue() {
			Token next = lookahead(true).token();
			if (next == Token.END_OF_STRING || next == Token.COMMA) {
				return new TreeSet<>(List.of(""));
			}
			Item item = consume(true);
			if (item.token() == Token.IDENTIFIER) {
				return new TreeSet<>(List.of(item.literal()));
			}
			throw fail("found '" + item.literal() + "', expected: identifier");
		}

		/** {@code NewRequirement}'s checks on the values, with their field paths ({@code values[0][key]}). */
		private static LabelRequirement newRequirement(String key, Operator operator, List<String> values) {
			List<String> errors = new ArrayList<>();
			if (operator == Operator.GREATER_THAN || operator == Operator.LESS_THAN) {
				for (int i = 0; i < values.size(); i++) {
					if (Validation.parseInt64(values.get(i)) == null) {
						errors.add(Validation.invalid("values[" + i + "]", values.get(i),
								"for 'Gt', 'Lt' operators, the value must be an integer"));
					}
				}
			}
			for (int i = 0; i < values.size(); i++) {
				List<String> valueErrors = Validation.labelValueErrors(values.get(i));
				if (!valueErrors.isEmpty()) {
					errors.add(Validation.invalid("values[" + i + "][" + key + "]", values.get(i),
							String.join("; ", valueErrors)));
				}
			}
			if (!errors.isEmpty()) {
				throw fail(Validation.aggregate(errors));
			}
			return new LabelRequirement(key, operator, values);
		}

		private static SelectorSyntaxException fail(String message) {
			return new SelectorSyntaxException(message);
		}

	}

}
